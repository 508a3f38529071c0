package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The document fields a query reads: the fields of its leaf clauses, in the order written. */
final class QueryFields {

    private static final Set<String> LEAVES = Set.of("term", "terms", "wildcard", "prefix", "regexp", "match",
            "match_phrase", "range", "fuzzy");
    private static final int MAX = 8;

    private QueryFields() {
    }

    static List<String> of(JsonNode query) {
        Set<String> fields = new LinkedHashSet<>();
        walk(query, fields, 0);
        return fields.stream().limit(MAX).toList();
    }

    private static void walk(JsonNode node, Set<String> fields, int depth) {
        if (depth > 200 || node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(item -> walk(item, fields, depth + 1));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> clause = it.next();
            if (LEAVES.contains(clause.getKey()) && clause.getValue().isObject()) {
                clause.getValue().fieldNames().forEachRemaining(f -> {
                    if (!f.equals("boost") && !f.equals("case_insensitive")) {
                        fields.add(f);
                    }
                });
            } else if (clause.getKey().equals("exists")) {
                fields.add(clause.getValue().path("field").asText());
            } else {
                walk(clause.getValue(), fields, depth + 1);
            }
        }
    }
}
