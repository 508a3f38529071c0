package io.alertas.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.spi.AlertModule;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The benchmark of {@code bench/run.sh}: against a real local Elasticsearch, N JSON-only alerts over
 * indexed events, for each N the runner's pass wall time and peak RSS, and the time of one raw
 * {@code _msearch} carrying the same searches (the floor). Then where a one-alert run spends its start-up,
 * with and without the tuned JVM flags and the class-data sharing archive. Prints figures; asserts nothing.
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "logs-bench";
    private static final int HOSTS = 50;
    private static final int CODES = 20;
    private static final int RUNS = 3;
    private static final String EVENT = """
            {"@timestamp":"{{now-%dms}}","event":{"code":"%d","dataset":"bench"},"host":{"name":"host-%02d"},"user":{"name":"user-%d"}}
            """;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {10, 200, 2000};
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try (ElasticsearchNode node = ElasticsearchNode.start(); RecordingHttpServer slack = RecordingHttpServer.start()) {
            index(node, now);
            Path archive = Files.createTempFile("alert-runner", ".jsa");
            Files.delete(archive);
            List<String> recommended = archive(jar, node, slack, now, archive);
            System.out.println();
            System.out.println("JVM flags recommended for cron (README): " + String.join(" ", recommended)
                    .replace(archive.toString(), "alert-runner.jsa"));
            System.out.println();
            System.out.println("alerts | pass, default flags | pass, recommended flags | peak RSS | raw _msearch floor"
                    + " | pass / floor | target");
            for (int n : sizes) {
                measure(jar, node, slack, now, n, recommended);
            }
            startup(jar, node, slack, now, recommended);
            Files.deleteIfExists(archive);
        }
    }

    /** The recommended flags, with a class-data sharing archive made by one pass as the README's install does. */
    private static List<String> archive(Path jar, ElasticsearchNode node, RecordingHttpServer slack, Instant now,
            Path archive) throws Exception {
        Path dir = config(node, slack, 1);
        runner(jar, dir, now, List.of("-XX:ArchiveClassesAtExit=" + archive));
        Trees.delete(dir);
        List<String> flags = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + archive));
        String more = System.getProperty("bench.flags", "");
        if (!more.isBlank()) {
            flags.addAll(List.of(more.trim().split("\\s+")));   // flags to try beside the recommended ones
        }
        return flags;
    }

    /** 20 000 events: 50 hosts, 20 event codes, spread over the minute the first pass reads. */
    private static void index(ElasticsearchNode node, Instant now) throws IOException {
        node.createIndex(INDEX, JSON.readTree("""
                {"dynamic_templates": [{"k": {"match_mapping_type": "string", "mapping": {"type": "keyword"}}}],
                 "properties": {"@timestamp": {"type": "date"}}}"""));
        for (int chunk = 0; chunk < 10; chunk++) {
            StringBuilder events = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                int e = chunk * 2000 + i;
                events.append(EVENT.formatted(60_001 + (e * 59_998L / 20_000), e % CODES + 4000, e % HOSTS, e % 300));
            }
            node.index(INDEX, Fixtures.parse(events.toString(), now, "bench events"));
        }
        System.out.println("indexed 20000 events (50 hosts, 20 event codes) into " + INDEX);
    }

    private static String query(int alert) {
        return """
                {"size": 0, "query": {"bool": {"filter": [
                  {"term": {"event.code": "%d"}},
                  {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}]}},
                 "aggs": {"hosts": {"terms": {"field": "host.name", "size": 100}}}}""".formatted(alert % CODES + 4000);
    }

    private static Path config(ElasticsearchNode node, RecordingHttpServer slack, int alerts) throws IOException {
        Path dir = emptyConfig(node, slack);
        for (int i = 0; i < alerts; i++) {
            Files.writeString(dir.resolve("alerts.d").resolve("bench-%05d.json".formatted(i)), """
                    {"index": "%s", "query": %s,
                     "condition": {"buckets": "aggregations.hosts.buckets", "path": "doc_count", "op": "gt", "value": 1000000},
                     "message": "{{doc_count}} events"}""".formatted(INDEX, query(i)));
        }
        return dir;
    }

    /**
     * A config dir for the benchmarks: the node and a Slack receiver in credentials.json, every built-in alert
     * switched off, and an empty alerts.d for the alerts a benchmark writes.
     */
    static Path emptyConfig(ElasticsearchNode node, RecordingHttpServer slack) throws IOException {
        Path dir = Files.createTempDirectory("alertas-bench");
        ObjectNode credentials = JSON.createObjectNode();
        credentials.set("elasticsearch", node.credentials());
        credentials.putObject("slack").put("webhook_url", slack.url("/bench").toString());
        Files.writeString(dir.resolve("credentials.json"), credentials.toString());
        ObjectNode off = JSON.createObjectNode();
        for (AlertModule module : ServiceLoader.load(AlertModule.class)) {
            module.alerts().forEach(a -> off.putObject(a.name()).put("active", false));
        }
        Files.writeString(dir.resolve("alerts.json"), off.toString());
        Files.createDirectories(dir.resolve("alerts.d"));
        return dir;
    }

    private static void measure(Path jar, ElasticsearchNode node, RecordingHttpServer slack, Instant now, int n,
            List<String> recommended) throws Exception {
        Path dir = config(node, slack, n);
        runner(jar, dir, now, List.of());   // warms the cluster's caches as cron's passes do
        Run plain = median(jar, dir, now, List.of());
        Run tuned = median(jar, dir, now, recommended);
        long floor = floor(node, now, n);
        double factor = n >= 2000 ? 3 : 1;
        long target = (long) (factor * floor) + 1000;
        System.out.printf(Locale.ROOT, "%6d | %8d ms | %8d ms | %4d MB | %6d ms | %5.1f | %s%d ms: %s%n",
                n, plain.millis(), tuned.millis(), tuned.peakRssKb() / 1024, floor, tuned.millis() / (double) Math.max(1, floor),
                factor == 1 ? "floor + 1 s = " : "3 x floor + 1 s = ", target,
                tuned.millis() <= target ? "met" : "missed by " + (tuned.millis() - target) + " ms");
        Trees.delete(dir);
    }

    /** The median of three passes over the same one-minute window, with the highest peak RSS seen. */
    private static Run median(Path jar, Path dir, Instant now, List<String> flags) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Files.deleteIfExists(dir.resolve("throttle_period.json"));
            runs.add(runner(jar, dir, now, flags));
        }
        runs.sort(Comparator.comparingLong(Run::millis));
        return new Run(runs.get(RUNS / 2).millis(), runs.stream().mapToLong(Run::peakRssKb).max().orElse(0), 0);
    }

    /** One raw _msearch with the same searches the pass sends, from a warm JVM: the best of three. */
    private static long floor(ElasticsearchNode node, Instant now, int n) throws Exception {
        Instant end = now.minusSeconds(60);
        String start = end.minusSeconds(60).toString();
        List<ElasticsearchClient.Search> searches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode body = JSON.readTree(query(i).replace("{{window.start}}", start).replace("{{window.end}}", end.toString()));
            searches.add(new ElasticsearchClient.Search(INDEX, body));
        }
        ElasticsearchClient client = ElasticsearchClient.builder(node.url())
                .basicAuth(ElasticsearchNode.USERNAME, ElasticsearchNode.PASSWORD).caCertificate(node.caCertificate()).build();
        long best = Long.MAX_VALUE;
        for (int run = 0; run < RUNS; run++) {
            long started = System.nanoTime();
            client.msearch(searches);
            best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
        }
        return best;
    }

    /** Where a one-alert pass spends its time: default flags, tuned flags, tuned flags with the archive. */
    private static void startup(Path jar, ElasticsearchNode node, RecordingHttpServer slack, Instant now,
            List<String> recommended) throws Exception {
        Path dir = config(node, slack, 1);
        System.out.println();
        System.out.println("one-alert pass (median of " + RUNS + ") | wall | peak RSS");
        List<String> withoutArchive = recommended.subList(0, 2);
        for (List<String> flags : List.of(List.<String>of(), withoutArchive, recommended)) {
            Run run = median(jar, dir, now, flags);
            String name = flags.isEmpty() ? "default JVM flags" : String.join(" ", flags).replaceAll("=\\S*\\.jsa", "=alert-runner.jsa");
            System.out.printf(Locale.ROOT, "%s | %d ms | %d MB%n", name, run.millis(), run.peakRssKb() / 1024);
        }
        Files.deleteIfExists(dir.resolve("throttle_period.json"));
        System.out.println("classes loaded by a one-alert pass: "
                + runner(jar, dir, now, List.of("-verbose:class")).classes() + " (default flags), "
                + runner(jar, dir, now, List.of("-verbose:class", recommended.get(2))).classes() + " of them"
                + " not from an archive with the recommended archive");
        Trees.delete(dir);
    }

    private record Run(long millis, long peakRssKb, long classes) {
    }

    /** Runs one pass of the runner jar; the peak RSS is the high-water mark polled from /proc while it runs. */
    private static Run runner(Path jar, Path dir, Instant now, List<String> flags) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", dir.toString(), "--now", now.toString()));
        Path output = Files.createTempFile("alertas-bench", ".out");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long peak = 0;
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        while (process.isAlive()) {
            peak = Math.max(peak, highWaterMark(status));
            Thread.sleep(5);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<String> lines = Files.readAllLines(output);
        Files.delete(output);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the runner failed: " + String.join("\n", lines));
        }
        return new Run(millis, peak, lines.stream()
                .filter(l -> l.startsWith("[") && l.contains("[class,load]") && !l.contains("shared objects file")).count());
    }

    private static long highWaterMark(Path status) {
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;   // the process ended between two reads
        }
    }
}
