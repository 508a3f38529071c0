package io.alertas.sigma.regression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs many converted rules against one small index: each rule's query, AND-ed with its log source filters, is one
 * named clause of a search, batched; the hits' {@code matched_queries} say which rule fires on which document, and
 * each rule's hit check has the last word. A batch Elasticsearch refuses is sent again rule by rule, so that one bad
 * query names itself instead of hiding the others (the batch is halved until it does).
 */
final class RuleSearch {

    static final String ID_FIELD = "alertas_test_id";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int BATCH = 100;

    /** Per rule (by its place in the list), the ids of the documents it fires on; and the rules refused, with why. */
    record Firings(Map<Integer, Set<String>> fired, Map<Integer, String> refused, int[] searches) {
    }

    private RuleSearch() {
    }

    static Firings run(ElasticsearchNode node, String index, List<SigmaCorpus.Loaded> rules) {
        Firings firings = new Firings(new LinkedHashMap<>(), new LinkedHashMap<>(), new int[1]);
        for (int start = 0; start < rules.size(); start += BATCH) {
            List<Integer> batch = new ArrayList<>();
            for (int i = start; i < Math.min(start + BATCH, rules.size()); i++) {
                batch.add(i);
            }
            send(node, index, rules, batch, firings);
        }
        return firings;
    }

    /** Sends a batch; when Elasticsearch refuses it, each half again, down to the rule it refuses. */
    private static void send(ElasticsearchNode node, String index, List<SigmaCorpus.Loaded> rules,
            List<Integer> batch, Firings firings) {
        firings.searches()[0]++;
        try {
            collect(search(node, index, rules, batch), rules, firings.fired());
        } catch (IllegalStateException refused) {
            if (batch.size() == 1) {
                firings.refused().put(batch.get(0), firstLine(refused.getMessage()));
                return;
            }
            send(node, index, rules, batch.subList(0, batch.size() / 2), firings);
            send(node, index, rules, batch.subList(batch.size() / 2, batch.size()), firings);
        }
    }

    /** The clause of one rule: its detection and its log source's filters, all of which must hold. */
    static JsonNode clause(SigmaCorpus.Loaded rule) {
        ObjectNode bool = JSON.objectNode();
        ArrayNode filter = bool.putArray("filter");
        filter.add(rule.conversion().query());
        rule.target().filters().forEach(filter::add);
        ObjectNode clause = JSON.objectNode();
        clause.set("bool", bool);
        return clause;
    }

    private static JsonNode search(ElasticsearchNode node, String index, List<SigmaCorpus.Loaded> rules,
            List<Integer> batch) {
        ObjectNode body = JSON.objectNode().put("size", 1000);
        ArrayNode should = body.putObject("query").putObject("bool").put("minimum_should_match", 1)
                .putArray("should");
        for (int i : batch) {
            ObjectNode named = (ObjectNode) clause(rules.get(i)).deepCopy();
            ((ObjectNode) named.get("bool")).put("_name", Integer.toString(i));
            should.add(named);
        }
        return node.request("POST", "/" + index + "/_search", body);
    }

    private static void collect(JsonNode answer, List<SigmaCorpus.Loaded> rules, Map<Integer, Set<String>> fired) {
        for (JsonNode hit : answer.path("hits").path("hits")) {
            String id = hit.path("_source").path(ID_FIELD).asText();
            for (JsonNode name : hit.path("matched_queries")) {
                int rule = Integer.parseInt(name.asText());
                if (rules.get(rule).conversion().hitCheck().test(hit.path("_source"))) {
                    fired.computeIfAbsent(rule, r -> new TreeSet<>()).add(id);
                }
            }
        }
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
