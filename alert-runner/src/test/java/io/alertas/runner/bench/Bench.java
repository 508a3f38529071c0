package io.alertas.runner.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertModule;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.Trees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * The benchmark of {@code bench/run.sh}. Against a real local Elasticsearch with TLS, for N alerts (1, 10, 200
 * and 2000), locally and through a proxy 20 ms of round trip away, it times whole processes, each the median of
 * three with fresh state: an Alertas pass as cron runs it (the tarball's {@code bin/alertas}, its flags and its
 * class-data sharing archive); the one-query-at-a-time pass of {@code bench/one_at_a_time.py}; the floor,
 * a cold JVM hello-world plus one {@code curl} sending the same searches in one {@code _msearch}; and the Java
 * floor, {@code bench/JavaFloor.java} sending that {@code _msearch} with what Alertas is built on (java.net.http,
 * the JDK's TLS, Jackson) and nothing else, with the same flags and a class-data sharing archive of its own.
 * Then the passes of {@code serve} at 2000 alerts through the proxy. It prints the figures, the ratios to the
 * floor and each target met or missed; it asserts nothing.
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "logs-bench";
    private static final int HOSTS = 50;
    private static final int CODES = 20;
    private static final int RUNS = 3;
    /** One way: the proxy's round trip is twice this. */
    private static final int DELAY_MILLIS = 10;
    /** bin/alertas's JVM flags, but for its archive. */
    private static final String FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmn8m -Xlog:cds*=off";
    private static final Set<String> CONFIG_FILES = Set.of("credentials.json", "alerts.json", "alerts.d", "sigma.json");
    private static final Pattern PASS_SECONDS = Pattern.compile("^pass: .* in (\\d+\\.\\d+)s$");
    private static final String EVENT = """
            {"@timestamp":"{{now-%dms}}","event":{"code":"%d","dataset":"bench"},"host":{"name":"host-%02d"},"user":{"name":"user-%d"}}
            """;

    private final Path alertas;
    private final Path benchDir;
    private final Path work;
    private final ElasticsearchNode node;
    private final RecordingHttpServer slack;
    private final String window;

    private Bench(Path alertas, Path benchDir, Path work, ElasticsearchNode node, RecordingHttpServer slack, Instant now) {
        this.alertas = alertas;
        this.benchDir = benchDir;
        this.work = work;
        this.node = node;
        this.slack = slack;
        Instant end = now.minusSeconds(60);
        this.window = "{\"gte\": \"%s\", \"lt\": \"%s\"}".formatted(end.minusSeconds(60), end);
    }

    /** Arguments: the tarball, the bench/ folder, then the numbers of alerts (1 10 200 2000 by default). */
    public static void main(String[] args) throws Exception {
        Path tarball = Path.of(args[0]).toAbsolutePath();
        Path benchDir = Path.of(args[1]).toAbsolutePath();
        int[] sizes = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 10, 200, 2000};
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path work = Files.createTempDirectory("alertas-bench");
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
                + version("python3", "--version") + ", " + version("curl", "--version"));
        try (ElasticsearchNode node = ElasticsearchNode.start(); RecordingHttpServer slack = RecordingHttpServer.start();
                LatencyProxy proxy = LatencyProxy.start("localhost", node.url().getPort(), DELAY_MILLIS)) {
            index(node, now);
            Bench bench = new Bench(install(tarball, work), benchDir, work, node, slack, now);
            bench.floors();
            URI far = URI.create("https://localhost:" + proxy.port());
            List<Row> rows = new ArrayList<>();
            for (int n : sizes) {
                rows.add(bench.row(n, "local", node.url()));
                rows.add(bench.row(n, (2 * DELAY_MILLIS) + " ms", far));
            }
            Row largest = rows.get(rows.size() - 1);
            long[] serve = bench.serve(largest.alerts(), far);
            report(rows, largest, serve);
        } finally {
            Trees.delete(work);
        }
    }

    /** The tarball unpacked into the work dir: its bin/alertas. */
    static Path install(Path tarball, Path work) throws Exception {
        run(List.of("tar", "-xzf", tarball.toString(), "-C", work.toString()), Map.of());
        try (Stream<Path> homes = Files.list(work)) {
            return homes.filter(p -> p.getFileName().toString().startsWith("alertas-")).findFirst().orElseThrow()
                    .resolve("bin/alertas");
        }
    }

    /** 20 000 events: 50 hosts, 20 event codes, spread over the minute the searches read. */
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

    /**
     * Alert i's search: one event code in the bench's minute, by host. Every contender sends it as it is; the
     * window is written in, so that every pass, cron's or serve's, reads the same events.
     */
    private ObjectNode query(int alert) throws IOException {
        return (ObjectNode) JSON.readTree("""
                {"size": 0, "query": {"bool": {"filter": [
                  {"term": {"event.code": "%d"}},
                  {"range": {"@timestamp": %s}}]}},
                 "aggs": {"hosts": {"terms": {"field": "host.name", "size": 100}}}}""".formatted(alert % CODES + 4000, window));
    }

    /** One alert in ten fires: each of its hosts' buckets passes, and one Slack message names them. */
    private static int threshold(int alert) {
        return alert % 10 == 0 ? 0 : 1_000_000;
    }

    private Path config(int alerts, URI cluster) throws IOException {
        Path dir = emptyConfig(node, slack);
        ObjectNode credentials = (ObjectNode) JSON.readTree(dir.resolve("credentials.json").toFile());
        ((ObjectNode) credentials.get("elasticsearch")).put("url", cluster.toString());
        Files.writeString(dir.resolve("credentials.json"), credentials.toString());
        for (int i = 0; i < alerts; i++) {
            Files.writeString(dir.resolve("alerts.d").resolve("bench-%05d.json".formatted(i)), """
                    {"index": "%s", "query": %s,
                     "condition": {"buckets": "aggregations.hosts.buckets", "path": "doc_count", "op": "gt", "value": %d},
                     "message": "{{doc_count}} events", "throttle_period": "1s"}""".formatted(INDEX, query(i), threshold(i)));
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

    /** The baseline script's plan: the same searches, conditions and receiver. */
    private Path plan(int alerts, URI cluster) throws IOException {
        ObjectNode plan = JSON.createObjectNode();
        plan.set("elasticsearch", node.credentials().put("url", cluster.toString()));
        plan.put("slack", slack.url("/baseline").toString());
        plan.put("state", work.resolve("baseline-state.json").toString());
        ArrayNode list = plan.putArray("alerts");
        for (int i = 0; i < alerts; i++) {
            list.addObject().put("name", "bench-%05d".formatted(i)).put("index", INDEX).<ObjectNode>set("query", query(i))
                    .put("buckets", "aggregations.hosts.buckets").put("path", "doc_count").put("value", threshold(i))
                    .put("message", "{{doc_count}} events");
        }
        Path file = work.resolve("plan.json");
        Files.writeString(file, plan.toString());
        return file;
    }

    /** The floor's request: the same searches in one _msearch body. */
    private Path msearch(int alerts) throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < alerts; i++) {
            body.append("{\"index\":\"").append(INDEX).append("\"}\n").append(query(i)).append('\n');
        }
        Path file = work.resolve("msearch.ndjson");
        Files.writeString(file, body);
        return file;
    }

    /**
     * The floors' programs in floor.jar: a hello-world, and bench/JavaFloor.java compiled against the runner's
     * jar (for its Jackson). Both start cold with bin/alertas's flags.
     */
    private void floors() throws IOException {
        Path source = work.resolve("Hello.java");
        Files.writeString(source, "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }");
        Path classes = Files.createDirectories(work.resolve("classes"));
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp", runnerJar().toString(),
                source.toString(), benchDir.resolve("JavaFloor.java").toString()) != 0) {
            throw new IllegalStateException("the floors' programs did not compile");
        }
        java.util.spi.ToolProvider.findFirst("jar").orElseThrow()
                .run(System.out, System.err, "cf", work.resolve("floor.jar").toString(), "-C", classes.toString(), ".");
    }

    private Path runnerJar() {
        return alertas.getParent().getParent().resolve("lib/alert-runner.jar");
    }

    /** A cold JVM with bin/alertas's flags, {@code more} flags, floor.jar and the runner's jar. */
    private List<String> java(List<String> more, String... mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(FLAGS.split(" ")));
        command.addAll(more);
        command.addAll(List.of("-cp", work.resolve("floor.jar") + ":" + runnerJar()));
        command.addAll(List.of(mainAndArgs));
        return command;
    }

    private record Row(int alerts, String route, Run alertas, Run baseline, Run hello, Run curl, Run javaFloor, String timings) {
        long floor() {
            return hello.millis() + curl.millis();
        }
    }

    private Row row(int alerts, String route, URI cluster) throws Exception {
        Path dir = config(alerts, cluster);
        Map<String, String> env = Map.of("ALERTAS_CACHE", work.resolve("cache").toString());
        List<String> pass = List.of(alertas.toString(), "run", "--config", dir.toString());
        run(pass, env);   // makes the class-data sharing archive at the first, warms the cluster's caches
        Run alertasRun = median(pass, env, dir);
        List<String> timed = new ArrayList<>(pass);
        timed.add("--timings");
        fresh(dir);
        String timings = run(timed, env).printed().lines().filter(l -> l.startsWith("timings"))
                .map(l -> l.replaceFirst("^timings +", "").replaceAll("  +", " ")).collect(Collectors.joining(", "));
        Run baselineRun = median(List.of("python3", benchDir.resolve("one_at_a_time.py").toString(),
                plan(alerts, cluster).toString()), Map.of(), null);
        Run helloRun = median(java(List.of(), "Hello"), Map.of(), null);
        ObjectNode credentials = node.credentials();
        String ca = credentials.path("ca_certificate").asText();
        String user = credentials.path("username").asText() + ":" + credentials.path("password").asText();
        Path searches = msearch(alerts);
        String url = cluster.resolve("/_msearch").toString();
        Run curlRun = median(List.of("curl", "-sSf", "-o", "/dev/null", "--cacert", ca, "-u", user,
                "-H", "Content-Type: application/x-ndjson", "--data-binary", "@" + searches, url), Map.of(), null);
        Path archive = work.resolve("java-floor.jsa");
        if (!Files.exists(archive)) {
            run(java(List.of("-XX:ArchiveClassesAtExit=" + archive), "JavaFloor", url, ca, user, searches.toString()), Map.of());
        }
        Run javaRun = median(java(List.of("-XX:SharedArchiveFile=" + archive), "JavaFloor", url, ca, user, searches.toString()),
                Map.of(), null);
        Trees.delete(dir);
        Row row = new Row(alerts, route, alertasRun, baselineRun, helloRun, curlRun, javaRun, timings);
        System.out.printf(Locale.ROOT, "measured %d alerts, %s: Alertas %d ms, baseline %d ms, floor %d ms%n",
                alerts, route, alertasRun.millis(), baselineRun.millis(), row.floor());
        return row;
    }

    /**
     * The passes of {@code serve} with every 15 s over {@code alerts} alerts through the proxy: the duration each
     * pass reports, the first (the JVM's cold one) left out. Ends it with SIGTERM.
     */
    private long[] serve(int alerts, URI cluster) throws Exception {
        Path dir = config(alerts, cluster);
        Process serve = new ProcessBuilder(alertas.toString(), "serve", "--config", dir.toString(), "--every", "15s")
                .redirectErrorStream(true).start();
        serve.getOutputStream().close();
        List<Long> passes = new ArrayList<>();
        long peak = 0;
        Path status = Path.of("/proc", String.valueOf(serve.pid()), "status");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; passes.size() < 1 + RUNS && (line = out.readLine()) != null; ) {
                Matcher pass = PASS_SECONDS.matcher(line);
                if (pass.matches()) {
                    passes.add(Math.round(Double.parseDouble(pass.group(1)) * 1000));
                    peak = Math.max(peak, highWaterMark(status));
                }
            }
        } finally {
            serve.destroy();
            serve.waitFor(60, TimeUnit.SECONDS);
        }
        Trees.delete(dir);
        if (passes.size() < 1 + RUNS) {
            throw new IllegalStateException("serve ended after " + passes.size() + " passes");
        }
        long[] warm = passes.subList(1, passes.size()).stream().mapToLong(Long::longValue).sorted().toArray();
        return new long[] {warm[warm.length / 2], peak};
    }

    private static void report(List<Row> rows, Row largest, long[] serve) {
        System.out.println();
        System.out.println("| alerts | cluster | Alertas pass | peak RSS | one-query-at-a-time (Python) | peak RSS"
                + " | floor: JVM hello-world + curl _msearch | Alertas / floor | Python / floor | Java floor (JavaFloor.java) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %d | %s | %d ms | %d MB | %d ms | %d MB | %d + %d = %d ms | %.1f | %.1f | %d ms |%n",
                    row.alerts(), row.route(), row.alertas().millis(), row.alertas().peakRssKb() / 1024,
                    row.baseline().millis(), row.baseline().peakRssKb() / 1024, row.hello().millis(), row.curl().millis(),
                    row.floor(), ratio(row.alertas().millis(), row.floor()), ratio(row.baseline().millis(), row.floor()),
                    row.javaFloor().millis());
        }
        System.out.println();
        System.out.println("where an Alertas pass spent its time (one more pass, with run --timings):");
        rows.forEach(row -> System.out.printf(Locale.ROOT, "  %d alerts, %s: %s%n", row.alerts(), row.route(), row.timings()));
        System.out.printf(Locale.ROOT, "%nserve, %d alerts, %s: a pass takes %d ms (median of %d warm passes), peak RSS"
                + " %d MB; the curl part of the floor: %d ms; ratio %.1f%n", largest.alerts(), largest.route(), serve[0], RUNS,
                serve[1] / 1024, largest.curl().millis(), ratio(serve[0], largest.curl().millis()));
        System.out.println();
        System.out.println("targets:");
        for (Row row : rows) {
            if (row.alerts() == 1) {
                target("1 alert, " + row.route() + ": pass <= 3 x floor", row.alertas().millis(), 3.0 * row.floor());
            }
            target(row.alerts() + " alerts, " + row.route() + ": faster than one query at a time", row.alertas().millis(),
                    row.baseline().millis());
            if (row.route().equals(largest.route()) && row.alerts() == 200) {
                target("200 alerts, " + row.route() + ": pass <= 3 x floor", row.alertas().millis(), 3.0 * row.floor());
            }
            if (row.route().equals(largest.route()) && row.alerts() == 2000) {
                target("2000 alerts, " + row.route() + ": pass <= 2.5 x floor", row.alertas().millis(), 2.5 * row.floor());
            }
            if (row.alerts() == 2000) {
                target("2000 alerts, " + row.route() + ": peak RSS <= 128 MB", row.alertas().peakRssKb() / 1024, 128);
            }
        }
        target("serve, " + largest.alerts() + " alerts, " + largest.route() + ": pass <= 1.5 x curl", serve[0],
                1.5 * largest.curl().millis());
    }

    private static void target(String what, long measured, double bound) {
        System.out.printf(Locale.ROOT, "  %-60s %s%n", what, measured <= bound ? "met (" + measured + " <= " + Math.round(bound) + ")"
                : "MISSED by " + Math.round(measured - bound) + " (" + measured + " > " + Math.round(bound) + ")");
    }

    private static double ratio(long measured, long floor) {
        return measured / (double) Math.max(1, floor);
    }

    record Run(long millis, long peakRssKb, String printed, int exit) {
    }

    /** The median of three runs of a command, each with fresh state (what the runner wrote is removed first). */
    private static Run median(List<String> command, Map<String, String> env, Path config) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            if (config != null) {
                fresh(config);
            }
            runs.add(run(command, env));
        }
        long[] millis = runs.stream().mapToLong(Run::millis).sorted().toArray();
        return new Run(millis[RUNS / 2], runs.stream().mapToLong(Run::peakRssKb).max().orElse(0), runs.get(0).printed(), 0);
    }

    /** Removes what the runner wrote into {@code config}: the next pass starts with fresh state. */
    static void fresh(Path config) throws IOException {
        try (Stream<Path> written = Files.list(config)) {
            for (Path file : written.filter(f -> !CONFIG_FILES.contains(f.getFileName().toString())).toList()) {
                Trees.delete(file);
            }
        }
    }

    /** Runs one whole process, which must exit 0. */
    static Run run(List<String> command, Map<String, String> env) throws Exception {
        Run run = runAnyExit(command, env);
        if (run.exit() != 0) {
            throw new IllegalStateException(command.get(0) + " failed with " + run.exit() + ": " + run.printed());
        }
        return run;
    }

    /**
     * Runs one whole process, whatever its exit code; the peak RSS is the largest high-water mark of it and its
     * descendants, polled from /proc while it runs.
     */
    static Run runAnyExit(List<String> command, Map<String, String> env) throws Exception {
        Path output = Files.createTempFile("alertas-bench", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        long peak = 0;
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        while (process.isAlive()) {
            peak = Math.max(peak, highWaterMark(status));
            // bin/alertas runs java as its child, not by exec, when it makes the class-data archive
            for (ProcessHandle child : process.descendants().toList()) {
                peak = Math.max(peak, highWaterMark(Path.of("/proc", String.valueOf(child.pid()), "status")));
            }
            Thread.sleep(2);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String printed = Files.readString(output);
        Files.delete(output);
        return new Run(millis, peak, printed, process.exitValue());
    }

    private static String version(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        process.waitFor();
        return first.replaceAll(" \\(.*", "");
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
