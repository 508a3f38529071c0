package io.alertas.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.mapping.LogSourceTarget;
import io.alertas.sigma.mapping.Mappings;
import io.alertas.sigma.query.SigmaQuery;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.sigma.rule.SigmaRules;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * A standalone measurement for the lead, beside the pass (which it does not change): the same rules searched over the
 * same window two ways. Per rule, as a pass sends them: one search each, {@code _msearch} requests of 50 on up to 8
 * connections. Grouped: one search per log source (same index and event filters), each rule's query a named
 * {@code should} clause, the rules an event matched read from its {@code matched_queries}. Same batching. It times
 * both (median of three, alternating) and compares which rules found something; and, as the floor of any plan
 * that matches in the runner instead, the search for each log source's events of the window with no rule query.
 */
public final class GroupedSearches {

    private static final int BATCH = 50;
    private static final int CONNECTIONS = 8;
    private static final int RUNS = Integer.getInteger("runs", 3);
    /** What a pass asks of each rule's search (SigmaAlerts.SIZE). */
    private static final int PER_RULE = 50;
    /** A grouped search returns every event any of its rules matched in the window. */
    private static final int GROUPED = 10_000;
    private static final Set<String> LEFT_OUT = Set.of("deprecated", "unsupported");

    /** One converted detection rule: its alert name, where its events are, its query. */
    private record Rule(String name, LogSourceTarget target, JsonNode query) {
    }

    /** A plan's run: wall time, the cluster's summed took, the rules that found events, hits, failed shard searches. */
    private record Outcome(long millis, long took, Set<String> rulesWithHits, long hits, long failedShards, String firstFailure) {
    }

    private final NodeClient client;
    private final List<Rule> rules;
    private final ObjectNode window;

    private GroupedSearches(NodeClient client, List<Rule> rules, Instant start, Instant end) {
        this.client = client;
        this.rules = rules;
        this.window = WinlogbeatEvents.JSON.createObjectNode();
        window.putObject("range").putObject("@timestamp").put("gte", start.toString()).put("lt", end.toString());
    }

    /**
     * Against a node already loaded (such as one a killed benchmark left): the URL, its CA file, user, password,
     * the rules folder, the window's start and end.
     */
    public static void main(String[] args) throws Exception {
        measure(new NodeClient(URI.create(args[0]), Path.of(args[1]), args[2], args[3]), Path.of(args[4]),
                Instant.parse(args[5]), Instant.parse(args[6]));
    }

    /** Converts every detection rule under {@code folder} with ecs_windows and measures both plans over the window. */
    static void measure(NodeClient client, Path folder, Instant start, Instant end) throws IOException {
        List<Rule> rules = new ArrayList<>();
        int skipped = 0;
        Mappings mappings = Mappings.named("ecs_windows");
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                List<SigmaRule> read;
                try {
                    read = SigmaRules.read(file.toString(), Files.readString(file));
                } catch (SigmaException | RuntimeException e) {
                    skipped++;
                    continue;
                }
                String base = "sigma." + file.getFileName().toString().replaceFirst("\\.yml$", "");
                for (int document = 0; document < read.size(); document++) {
                    SigmaRule rule = read.get(document);
                    Optional<LogSourceTarget> target = mappings.target(rule.logSource());
                    if (rule.isCorrelation() || LEFT_OUT.contains(rule.status()) || target.isEmpty()) {
                        skipped++;
                        continue;
                    }
                    try {
                        JsonNode query = SigmaQuery.convert(rule, target.get().fields(), Map.of()).query();
                        rules.add(new Rule(document == 0 ? base : base + "." + (document + 1), target.get(), query));
                    } catch (SigmaException | RuntimeException e) {
                        skipped++;
                    }
                }
            }
        }
        GroupedSearches searches = new GroupedSearches(client, rules, start, end);
        Map<String, List<Rule>> groups = searches.groups();
        System.out.printf(Locale.ROOT, "%nper rule against grouped: %d rules converted (%d skipped), %d log source groups%n",
                rules.size(), skipped, groups.size());
        List<Outcome> perRule = new ArrayList<>();
        List<Outcome> grouped = new ArrayList<>();
        List<Outcome> events = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            perRule.add(searches.perRule());
            grouped.add(searches.grouped(groups));
            events.add(searches.eventsOnly(groups));
        }
        report("per rule (as the pass)", perRule, rules.size());
        report("grouped, named queries", grouped, groups.size());
        report("the window's events only", events, groups.size());
        Outcome a = perRule.get(0);
        Outcome b = grouped.get(0);
        Set<String> onlyA = new TreeSet<>(a.rulesWithHits());
        onlyA.removeAll(b.rulesWithHits());
        Set<String> onlyB = new TreeSet<>(b.rulesWithHits());
        onlyB.removeAll(a.rulesWithHits());
        System.out.printf(Locale.ROOT, "  rules with hits: per rule %d, grouped %d; only per rule: %s; only grouped: %s%n",
                a.rulesWithHits().size(), b.rulesWithHits().size(), onlyA, onlyB);
    }

    private static void report(String plan, List<Outcome> outcomes, int searches) {
        Outcome median = outcomes.stream().sorted((x, y) -> Long.compare(x.millis(), y.millis())).toList().get(outcomes.size() / 2);
        System.out.printf(Locale.ROOT, "  %-24s %d searches in %d _msearch requests: %d ms wall (median of %d: %s), took summed %d ms,"
                        + " %d hits, %d failed shard searches %s%n", plan, searches, (searches + BATCH - 1) / BATCH, median.millis(),
                outcomes.size(), outcomes.stream().map(o -> o.millis() + "").toList(), median.took(), median.hits(),
                median.failedShards(), median.firstFailure().length() > 300 ? median.firstFailure().substring(0, 300) : median.firstFailure());
    }

    /** The rules by log source: same index, same event filters. */
    private Map<String, List<Rule>> groups() {
        Map<String, List<Rule>> groups = new LinkedHashMap<>();
        for (Rule rule : rules) {
            groups.computeIfAbsent(rule.target().index() + " " + rule.target().filters(), k -> new ArrayList<>()).add(rule);
        }
        return groups;
    }

    private ObjectNode filtered(Rule rule) {
        ObjectNode body = WinlogbeatEvents.JSON.createObjectNode();
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.add(window);
        rule.target().filters().forEach(filter::add);
        return body;
    }

    private Outcome perRule() {
        List<String> lines = new ArrayList<>();
        for (Rule rule : rules) {
            ObjectNode body = filtered(rule);
            ((ArrayNode) body.path("query").path("bool").path("filter")).add(rule.query());
            body.put("size", PER_RULE).putArray("sort").addObject().put("@timestamp", "asc");
            lines.add(header(rule) + "\n" + body + "\n");
        }
        return send(lines, (index, response, found) -> {
            if (response.path("hits").path("hits").size() > 0) {
                found.add(rules.get(index).name());
            }
        });
    }

    private Outcome grouped(Map<String, List<Rule>> groups) {
        List<String> lines = new ArrayList<>();
        for (List<Rule> group : groups.values()) {
            ObjectNode body = filtered(group.get(0));
            ArrayNode should = ((ObjectNode) body.path("query").path("bool")).put("minimum_should_match", 1).putArray("should");
            for (Rule rule : group) {
                should.addObject().putObject("bool").put("_name", rule.name()).putArray("filter").add(rule.query());
            }
            body.put("size", GROUPED).putArray("sort").addObject().put("@timestamp", "asc");
            lines.add(header(group.get(0)) + "\n" + body + "\n");
        }
        return send(lines, (index, response, found) -> {
            for (JsonNode hit : response.path("hits").path("hits")) {
                hit.path("matched_queries").forEach(name -> found.add(name.asText()));
            }
        });
    }

    /** The floor of any plan that matches in the runner: each log source's events of the window, no rule query. */
    private Outcome eventsOnly(Map<String, List<Rule>> groups) {
        List<String> lines = new ArrayList<>();
        for (List<Rule> group : groups.values()) {
            ObjectNode body = filtered(group.get(0));
            body.put("size", GROUPED).putArray("sort").addObject().put("@timestamp", "asc");
            lines.add(header(group.get(0)) + "\n" + body + "\n");
        }
        return send(lines, (index, response, found) -> { });
    }

    private static String header(Rule rule) {
        return WinlogbeatEvents.JSON.createObjectNode().put("index", rule.target().index()).toString();
    }

    private interface Reader {
        void read(int index, JsonNode response, Set<String> found);
    }

    /** Sends the searches in _msearch requests of 50, up to 8 at once; reads each answer as it comes. */
    private Outcome send(List<String> searches, Reader reader) {
        Semaphore connections = new Semaphore(CONNECTIONS);
        Set<String> found = new TreeSet<>();
        long[] tookAndHits = new long[3];
        String[] firstFailure = {""};
        Map<Integer, CompletableFuture<Void>> inFlight = new HashMap<>();
        long started = System.nanoTime();
        for (int first = 0; first < searches.size(); first += BATCH) {
            int from = first;
            List<String> batch = searches.subList(from, Math.min(searches.size(), from + BATCH));
            connections.acquireUninterruptibly();
            inFlight.put(from, client.ndjson("/_msearch", String.join("", batch)).thenAccept(answer -> {
                synchronized (found) {
                    JsonNode responses = answer.path("responses");
                    for (int i = 0; i < responses.size(); i++) {
                        JsonNode response = responses.get(i);
                        if (response.has("error")) {
                            throw new IllegalStateException("search " + (from + i) + " failed: " + response.path("error"));
                        }
                        tookAndHits[0] += response.path("took").asLong();
                        tookAndHits[2] += response.path("_shards").path("failed").asLong();
                        if (firstFailure[0].isEmpty() && response.path("_shards").path("failed").asLong() > 0) {
                            firstFailure[0] = "search " + (from + i) + ": " + response.path("_shards").path("failures").path(0)
                                    .path("reason").toString();
                        }
                        tookAndHits[1] += response.path("hits").path("total").path("value").asLong();
                        reader.read(from + i, response, found);
                    }
                }
            }).whenComplete((done, failed) -> connections.release()));
        }
        inFlight.values().forEach(CompletableFuture::join);
        return new Outcome((System.nanoTime() - started) / 1_000_000, tookAndHits[0], found, tookAndHits[1], tookAndHits[2],
                firstFailure[0]);
    }
}
