package io.alertas.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** A query's JSON as a tree of predicates: bool and its clauses here, the leaves in {@link Leaves}. */
final class Clauses {

    /** Deeper than the converter ever nests; a deeper query is refused rather than risking the stack. */
    static final int MAX_DEPTH = 200;

    private static final Set<String> BOOL_KEYS = Set.of("filter", "must", "should", "must_not",
            "minimum_should_match", "boost", "_name");

    private Clauses() {
    }

    static Predicate<JsonNode> clause(JsonNode query, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the query nests deeper than " + MAX_DEPTH + " levels");
        }
        if (!query.isObject() || query.size() != 1) {
            throw new IllegalArgumentException("a query must be an object with one kind, not "
                    + Texts.quote(Texts.oneLine(query.toString())));
        }
        Map.Entry<String, JsonNode> only = query.properties().iterator().next();
        String kind = only.getKey();
        JsonNode body = only.getValue();
        return switch (kind) {
            case "bool" -> bool(body, depth);
            case "match_all" -> source -> true;
            case "match_none" -> source -> false;
            case "term", "prefix", "wildcard", "regexp" -> Leaves.textual(kind, body);
            case "terms" -> Leaves.terms(body);
            case "range" -> Leaves.range(body);
            case "exists" -> Leaves.exists(body);
            default -> throw new IllegalArgumentException("the query kind " + Texts.quote(kind)
                    + " is not matched in Java (only bool, term, terms, prefix, wildcard, regexp, range, exists,"
                    + " match_all, match_none)");
        };
    }

    private static Predicate<JsonNode> bool(JsonNode body, int depth) {
        if (!body.isObject()) {
            throw new IllegalArgumentException("bool must be an object");
        }
        body.fieldNames().forEachRemaining(key -> {
            if (!BOOL_KEYS.contains(key)) {
                throw new IllegalArgumentException("the bool parameter " + Texts.quote(key) + " is not matched in Java");
            }
        });
        List<Predicate<JsonNode>> required = new ArrayList<>();
        required.addAll(clauses(body.get("filter"), depth));
        required.addAll(clauses(body.get("must"), depth));
        List<Predicate<JsonNode>> should = clauses(body.get("should"), depth);
        List<Predicate<JsonNode>> mustNot = clauses(body.get("must_not"), depth);
        int minimum = minimumShouldMatch(body.get("minimum_should_match"), should.size(), required.isEmpty());
        Predicate<JsonNode>[] all = array(required);
        Predicate<JsonNode>[] any = array(should);
        Predicate<JsonNode>[] none = array(mustNot);
        return source -> {
            for (Predicate<JsonNode> clause : all) {
                if (!clause.test(source)) {
                    return false;
                }
            }
            for (Predicate<JsonNode> clause : none) {
                if (clause.test(source)) {
                    return false;
                }
            }
            if (minimum <= 0) {
                return true;
            }
            int matched = 0;
            for (int i = 0; i < any.length; i++) {
                if (any[i].test(source) && ++matched >= minimum) {
                    return true;
                }
                if (matched + any.length - i - 1 < minimum) {
                    return false;
                }
            }
            return false;
        };
    }

    /**
     * Elasticsearch's rule: without a number, one should clause must match when there is no filter or must clause,
     * none otherwise; a number, a negative number (all but that many) or a percentage of the should clauses.
     */
    static int minimumShouldMatch(JsonNode given, int shoulds, boolean onlyShould) {
        if (given == null || given.isNull()) {
            return onlyShould && shoulds > 0 ? 1 : 0;
        }
        String text = given.asText().trim();
        int count;
        if (text.matches("-?[0-9]{1,9}")) {
            count = Integer.parseInt(text);
        } else if (text.matches("-?[0-9]{1,3}%")) {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            count = (int) Math.floor(Math.abs(percent) / 100.0 * shoulds) * Integer.signum(percent);
        } else {
            throw new IllegalArgumentException("minimum_should_match " + Texts.quote(text)
                    + " is not matched in Java (a number or a percentage)");
        }
        return count < 0 ? Math.max(0, shoulds + count) : count;
    }

    private static List<Predicate<JsonNode>> clauses(JsonNode node, int depth) {
        List<Predicate<JsonNode>> clauses = new ArrayList<>();
        if (node == null) {
            return clauses;
        }
        if (node.isArray()) {
            node.forEach(one -> clauses.add(clause(one, depth + 1)));
        } else {
            clauses.add(clause(node, depth + 1));
        }
        return clauses;
    }

    @SuppressWarnings("unchecked")
    private static Predicate<JsonNode>[] array(List<Predicate<JsonNode>> clauses) {
        return clauses.toArray(new Predicate[0]);
    }
}
