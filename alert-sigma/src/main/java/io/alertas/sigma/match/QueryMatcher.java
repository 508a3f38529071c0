package io.alertas.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An Elasticsearch query, in the part of the DSL the Sigma converter writes, evaluated in Java against a hit's
 * {@code _source}, so that thousands of rules can judge the events one search fetched instead of each sending its
 * own query. Built once per query ({@link #of}); {@link #test} is then cheap and thread-safe: no pattern is compiled
 * per hit.
 *
 * <p>The kinds: {@code term} (a network value as {@code 10.0.0.0/8} finds the addresses in it), {@code terms},
 * {@code prefix}, {@code wildcard}, {@code regexp} (Lucene's syntax), {@code range}, {@code exists}, {@code bool}
 * ({@code filter}, {@code must}, {@code should} with {@code minimum_should_match}, {@code must_not}),
 * {@code match_all} and {@code match_none}, each leaf with {@code case_insensitive}. Semantics are Elasticsearch's
 * over a keyword-mapped document: a field is found by its dotted path through objects or as a literal dotted key; a
 * field with several values (an array) matches when one does; numbers compare as numbers; {@code exists} needs a
 * value that is not null.
 *
 * <p>Where Java could differ from the cluster the query is refused when built ({@link IllegalArgumentException}
 * naming the part), so that the caller sends that query to the cluster instead; a regular expression that spends its
 * step budget or Java's stack on one value makes {@link #test} throw {@link UndecidedMatchException} instead of
 * answering.
 */
public final class QueryMatcher implements Predicate<JsonNode> {

    private final Predicate<JsonNode> clause;

    private QueryMatcher(Predicate<JsonNode> clause) {
        this.clause = clause;
    }

    /**
     * {@code query} ready to match.
     *
     * @throws IllegalArgumentException when the query holds a kind, a parameter or a pattern this matcher does not
     *         evaluate, naming it
     */
    public static QueryMatcher of(JsonNode query) {
        return new QueryMatcher(Clauses.clause(Objects.requireNonNull(query, "query is null"), 0));
    }

    /**
     * Whether {@code source} (a hit's {@code _source}, never null) matches.
     *
     * @throws UndecidedMatchException when a regular expression ran out of steps on one of its values
     */
    @Override
    public boolean test(JsonNode source) {
        return clause.test(source);
    }
}
