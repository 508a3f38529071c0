package io.alertas.sigma.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The query DSL this converter writes: only what Elasticsearch 7.17 to 9 and OpenSearch 2 and 3 all take alike
 * (term, prefix, wildcard, regexp, range, exists, bool, match_all, match_none), never {@code terms} with a case flag (it has
 * none) nor a flag on a query that does not take one.
 */
final class Dsl {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Dsl() {
    }

    /** A term, prefix, wildcard or regexp query on {@code field}; the case flag only when asked. */
    static JsonNode leaf(String kind, String field, JsonNode value, boolean caseInsensitive) {
        ObjectNode body = JSON.objectNode().set("value", value);
        if (caseInsensitive) {
            body.put("case_insensitive", true);
        }
        return wrap(kind, JSON.objectNode().set(field, body));
    }

    static JsonNode range(String field, String operator, JsonNode bound) {
        return wrap("range", JSON.objectNode().set(field, JSON.objectNode().set(operator, bound)));
    }

    static JsonNode exists(String field) {
        return wrap("exists", JSON.objectNode().put("field", field));
    }

    static JsonNode matchAll() {
        return wrap("match_all", JSON.objectNode());
    }

    static JsonNode matchNone() {
        return wrap("match_none", JSON.objectNode());
    }

    /** All of {@code queries}; one query alone stays itself. */
    static JsonNode all(List<JsonNode> queries) {
        return queries.size() == 1 ? queries.get(0) : bool("filter", queries, 0);
    }

    /** Any of {@code queries}; one query alone stays itself. */
    static JsonNode any(List<JsonNode> queries) {
        return atLeast(1, queries);
    }

    /** At least {@code count} of {@code queries}. */
    static JsonNode atLeast(int count, List<JsonNode> queries) {
        if (count > queries.size()) {
            return matchNone();
        }
        if (count == queries.size()) {
            return all(queries);
        }
        return queries.size() == 1 ? queries.get(0) : bool("should", queries, count);
    }

    static JsonNode not(JsonNode query) {
        return bool("must_not", List.of(query), 0);
    }

    private static JsonNode bool(String occur, List<JsonNode> queries, int minimumShouldMatch) {
        ArrayNode clauses = JSON.arrayNode().addAll(queries);
        ObjectNode body = JSON.objectNode().set(occur, clauses);
        if (minimumShouldMatch > 0) {
            body.put("minimum_should_match", minimumShouldMatch);
        }
        return wrap("bool", body);
    }

    private static JsonNode wrap(String kind, JsonNode body) {
        return JSON.objectNode().set(kind, body);
    }
}
