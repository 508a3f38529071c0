package io.alertas.sigma.regression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.sigma.match.QueryMatcher;
import io.alertas.sigma.match.UndecidedMatchException;
import io.alertas.testkit.ElasticsearchNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pass's plan on the regression index: one search per log source (its filters, all its documents), every rule
 * of that log source matched in Java on those hits; a rule the Java matcher refuses, or cannot decide on a hit, sends
 * its own query to the cluster instead (batched as {@link RuleSearch} does).
 */
final class LogSourcePass {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * What the pass found: per rule the documents it fires on (by the Java matcher, or by the cluster for the rules
     * in {@code serverSide}, with why); the searches sent for the log sources and for the fallbacks; the time spent
     * searching and matching.
     */
    record Result(RuleSearch.Firings firings, Map<Integer, Set<String>> byJava, Map<Integer, String> serverSide,
            int logSources, int fallbackSearches, long searchMillis, long matchMillis, long matches) {
    }

    private LogSourcePass() {
    }

    static Result run(ElasticsearchNode node, String index, List<SigmaCorpus.Loaded> rules) {
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            bySource.computeIfAbsent(rules.get(i).target().filters().toString(), k -> new ArrayList<>()).add(i);
        }
        Map<Integer, Set<String>> byJava = new LinkedHashMap<>();
        Map<Integer, String> serverSide = new LinkedHashMap<>();
        long searchNanos = 0;
        long matchNanos = 0;
        long matches = 0;
        for (List<Integer> members : bySource.values()) {
            long started = System.nanoTime();
            List<JsonNode> hits = fetch(node, index, rules.get(members.get(0)).target().filters());
            long fetched = System.nanoTime();
            searchNanos += fetched - started;
            for (int rule : members) {
                matches += hits.size();
                match(rules.get(rule), rule, hits, byJava, serverSide);
            }
            matchNanos += System.nanoTime() - fetched;
        }
        List<SigmaCorpus.Loaded> fallback = serverSide.keySet().stream().map(rules::get).toList();
        long started = System.nanoTime();
        RuleSearch.Firings cluster = RuleSearch.run(node, index, fallback);
        searchNanos += System.nanoTime() - started;
        List<Integer> fallbackIds = List.copyOf(serverSide.keySet());
        Map<Integer, Set<String>> fired = new LinkedHashMap<>(byJava);
        cluster.fired().forEach((at, docs) -> fired.put(fallbackIds.get(at), docs));
        Map<Integer, String> refused = new LinkedHashMap<>();
        cluster.refused().forEach((at, why) -> refused.put(fallbackIds.get(at), why));
        int searches = bySource.size() + cluster.searches()[0];
        return new Result(new RuleSearch.Firings(fired, refused, new int[] {searches}), byJava, serverSide,
                bySource.size(), cluster.searches()[0], searchNanos / 1_000_000, matchNanos / 1_000_000, matches);
    }

    /** Every document of one log source: its filters, and nothing else, as the pass's window search. */
    private static List<JsonNode> fetch(ElasticsearchNode node, String index, List<JsonNode> filters) {
        ObjectNode body = JSON.objectNode().put("size", 10_000).put("track_total_hits", true);
        body.putObject("query").putObject("bool").putArray("filter").addAll(filters);
        JsonNode answer = node.request("POST", "/" + index + "/_search", body);
        List<JsonNode> hits = new ArrayList<>();
        answer.path("hits").path("hits").forEach(hits::add);
        if (answer.path("hits").path("total").path("value").asLong() != hits.size()) {
            throw new IllegalStateException("the log source search returned " + hits.size() + " of "
                    + answer.path("hits").path("total"));
        }
        return hits;
    }

    private static void match(SigmaCorpus.Loaded rule, int at, List<JsonNode> hits, Map<Integer, Set<String>> byJava,
            Map<Integer, String> serverSide) {
        QueryMatcher matcher;
        try {
            matcher = QueryMatcher.of(rule.conversion().query());
        } catch (IllegalArgumentException refused) {
            serverSide.put(at, "refused by the Java matcher: " + refused.getMessage());
            return;
        }
        Set<String> fired = new TreeSet<>();
        for (JsonNode hit : hits) {
            JsonNode source = hit.path("_source");
            try {
                if (matcher.test(source) && rule.conversion().hitCheck().test(source)) {
                    fired.add(source.path(RuleSearch.ID_FIELD).asText());
                }
            } catch (UndecidedMatchException undecided) {
                serverSide.put(at, "undecided in Java: " + undecided.getMessage());
                return;
            }
        }
        if (!fired.isEmpty()) {
            byJava.put(at, fired);
        }
    }
}
