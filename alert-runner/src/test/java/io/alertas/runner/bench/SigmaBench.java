package io.alertas.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Sigma benchmark of {@code bench/sigma.sh}: a real local Elasticsearch holding a day of a Windows fleet's
 * events as Winlogbeat 8 indexes them (a million by default, {@link WinlogbeatLoad}), a config dir whose
 * {@code sigma.json} points at a SigmaHQ rules folder (every rule that loads active, notifications to a local
 * Slack receiver), and passes of the tarball's {@code bin/alertas run --timings} as cron runs them: the first
 * (cold: it makes the class-data sharing archive, and the node's caches are empty), then more with fresh state.
 * For each: wall time, peak RSS, the searches the node received (its {@code _nodes/usage} REST action counts
 * and the shard-level query count of {@code _nodes/stats}), the notifications delivered. Then which planted
 * attacks were delivered. It prints figures; it asserts nothing.
 */
public final class SigmaBench {

    private static final int PASSES = Integer.getInteger("passes", 3);
    private static final Pattern REFUSED = Pattern.compile("sigma\\.json!(/[^:\\s]+\\.ya?ml):");

    private final ElasticsearchNode node;
    private final RecordingHttpServer slack;

    private SigmaBench(ElasticsearchNode node, RecordingHttpServer slack) {
        this.node = node;
        this.slack = slack;
    }

    /**
     * Arguments: the tarball (or {@code -} to only load the events and time that), the rules folder, the number of
     * events (1 000 000 by default).
     */
    public static void main(String[] args) throws Exception {
        long count = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        Path rules = Path.of(args[1]).toAbsolutePath().normalize();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB max heap here, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + "; Elasticsearch " + ElasticsearchNode.VERSION + ", 512 MB heap");
        try (ElasticsearchNode node = ElasticsearchNode.start(); RecordingHttpServer slack = RecordingHttpServer.start()) {
            WinlogbeatLoad.Loaded loaded = WinlogbeatLoad.load(node, count, now);
            System.out.printf(Locale.ROOT, "indexed %d events (%s) in %.1f s, %.0f events/s; %d MB on disk; %d in the newest minute%n",
                    loaded.events(), String.join(", ", WinlogbeatEvents.kinds()), loaded.millis() / 1000.0,
                    loaded.events() * 1000.0 / loaded.millis(), loaded.storeBytes() >> 20, loaded.newestMinute());
            if (args[0].equals("-")) {
                return;
            }
            Path work = Files.createTempDirectory("alertas-sigma-bench");
            try {
                new SigmaBench(node, slack).passes(Bench.install(Path.of(args[0]).toAbsolutePath(), work), rules, now, work, loaded);
            } finally {
                Trees.delete(work);
            }
        }
    }

    private record Pass(Processes.Run run, long msearches, long searches, long shardQueries, int delivered) {
    }

    private void passes(Path alertas, Path rules, Instant now, Path work, WinlogbeatLoad.Loaded loaded) throws Exception {
        Path config = Bench.emptyConfig(node, slack);
        Map<String, String> env = Map.of("ALERTAS_CACHE", work.resolve("cache").toString());
        Path active = loadable(alertas, config, rules, work, env);
        // a pass reads the minute that ended its query delay (1 minute) before it: run as of a minute after the newest event
        List<String> command = List.of(alertas.toString(), "run", "--config", config.toString(), "--now", now.plusSeconds(60).toString(),
                "--timings");
        List<Pass> passes = new ArrayList<>();
        for (int i = 0; i < PASSES; i++) {
            Bench.fresh(config);
            slack.reset();
            passes.add(pass(command, env));
            System.out.printf(Locale.ROOT, "pass %d: %d ms%n", i + 1, passes.get(i).run().millis());
        }
        report(passes, loaded, active);
        Trees.delete(config);
        if (Boolean.parseBoolean(System.getProperty("grouped", "true"))) {
            GroupedSearches.measure(NodeClient.of(node), rules, now.minusSeconds(60), now);
        }
    }

    /**
     * The rules folder the passes read, named in sigma.json: {@code rules} itself, or, when validate refuses rule
     * files (and so would every pass, exit 2), a mirror of it without them, made of links, the refused files printed.
     */
    private static Path loadable(Path alertas, Path config, Path rules, Path work, Map<String, String> env) throws Exception {
        Path sigma = config.resolve("sigma.json");
        Files.writeString(sigma, WinlogbeatEvents.JSON.createObjectNode()
                .set("rules", WinlogbeatEvents.JSON.createArrayNode().add(rules.toString())).toString());
        Processes.Run validate = Processes.runAnyExit(List.of(alertas.toString(), "validate", "--config", config.toString()), env);
        Set<Path> refused = new TreeSet<>();
        Matcher file = REFUSED.matcher(validate.printed());
        while (file.find()) {
            refused.add(Path.of(file.group(1)));
        }
        if (refused.isEmpty()) {
            return rules;
        }
        System.out.println("validate refuses these rule files, and with them the whole config; the passes read the rest:");
        validate.printed().lines().filter(l -> l.contains("sigma.json!")).forEach(l -> System.out.println("  " + l));
        Path mirror = work.resolve("rules");
        try (Stream<Path> files = Files.walk(rules)) {
            for (Path each : files.filter(Files::isRegularFile).filter(f -> !refused.contains(f)).toList()) {
                Path link = mirror.resolve(rules.relativize(each).toString());
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, each);
            }
        }
        Files.writeString(sigma, WinlogbeatEvents.JSON.createObjectNode()
                .set("rules", WinlogbeatEvents.JSON.createArrayNode().add(mirror.toString())).toString());
        return mirror;
    }

    private Pass pass(List<String> command, Map<String, String> env) throws Exception {
        long[] before = counts();
        // exit 1 (a rule's search failed, say) still is a pass: its figures count, its output says what failed
        Processes.Run run = Processes.runAnyExit(command, env);
        long[] after = counts();
        return new Pass(run, after[0] - before[0], after[1] - before[1], after[2] - before[2], slack.requests().size());
    }

    /** The node's counts so far: _msearch requests, _search requests, shard-level queries. */
    private long[] counts() {
        JsonNode usage = node.request("GET", "/_nodes/usage", null).path("nodes");
        JsonNode stats = node.request("GET", "/_nodes/stats/indices/search", null).path("nodes");
        long msearch = 0;
        long search = 0;
        long queries = 0;
        for (JsonNode one : usage) {
            msearch += one.path("rest_actions").path("msearch_action").asLong();
            search += one.path("rest_actions").path("search_action").asLong();
        }
        for (JsonNode one : stats) {
            queries += one.path("indices").path("search").path("query_total").asLong();
        }
        return new long[] {msearch, search, queries};
    }

    private void report(List<Pass> passes, WinlogbeatLoad.Loaded loaded, Path rules) throws IOException {
        System.out.println();
        System.out.println("| pass | exit | wall time | peak RSS | _msearch requests | _search requests | shard queries | notifications |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < passes.size(); i++) {
            Pass pass = passes.get(i);
            System.out.printf(Locale.ROOT, "| %s | %d | %d ms | %d MB | %d | %d | %d | %d |%n", i == 0 ? "1 (cold)" : String.valueOf(i + 1),
                    pass.run().exit(), pass.run().millis(), pass.run().peakRssKb() / 1024, pass.msearches(), pass.searches(), pass.shardQueries(),
                    pass.delivered());
        }
        Pass last = passes.get(passes.size() - 1);
        System.out.println();
        System.out.println("what the last pass printed (its summary and timings):");
        last.run().printed().lines().filter(l -> !l.isBlank()).limit(80).forEach(l -> System.out.println("  " + l));
        String delivered = slack.requests().stream().map(RecordingHttpServer.Request::body).collect(Collectors.joining("\n"));
        System.out.println();
        System.out.println("planted attacks (" + loaded.attacks().size() + "), delivered in the last pass:");
        for (WinlogbeatAttacks.Attack attack : loaded.attacks()) {
            String title = title(rules, attack.rule());
            System.out.printf(Locale.ROOT, "  %-55s %s%n", attack.rule(), delivered.contains("sigma." + attack.rule())
                    || delivered.contains(title) ? "delivered" : "NOT delivered");
        }
    }

    /** The title of rule file {@code rule}.yml under {@code rules}, as its notification shows it. */
    private static String title(Path rules, String rule) throws IOException {
        try (Stream<Path> files = Files.walk(rules)) {
            Path file = files.filter(f -> f.getFileName().toString().equals(rule + ".yml")).findFirst().orElseThrow();
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("title: ")).findFirst().orElseThrow().substring(7).trim();
        }
    }
}
