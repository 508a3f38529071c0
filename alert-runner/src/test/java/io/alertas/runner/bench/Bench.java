package io.alertas.runner.bench;

import static io.alertas.runner.bench.Processes.highWaterMark;
import static io.alertas.runner.bench.Processes.run;
import static io.alertas.runner.bench.Processes.version;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.runner.bench.BenchReport.Row;
import io.alertas.runner.bench.Processes.Run;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * The benchmark of {@code bench/run.sh}. Against a real local Elasticsearch with TLS, for N alerts (1, 10, 200,
 * 2000 and 10 000), locally and through a proxy 20 ms of round trip away (above {@link #SCRIPT_MOST} alerts only
 * through the proxy), it times whole processes, each the median of {@code BENCH_RUNS} (3) with fresh state, in
 * wall time and CPU seconds: an Alertas pass as cron runs it (the tarball's {@code bin/alertas}, its flags and
 * its class-data cache); the one-query-at-a-time pass of {@code bench/one_at_a_time.py} (up to
 * {@link #SCRIPT_MOST} alerts); the floor, a cold JVM hello-world plus one {@code curl} sending the same searches
 * in one {@code _msearch}; and the Java floor, {@code bench/JavaFloor.java} sending that {@code _msearch} with
 * what Alertas is built on (java.net.http, the JDK's TLS, Jackson) and nothing else, with the same flags and a
 * cache of its own. The Java contenders run on the JVM running the benchmark and again on a Java 25
 * ({@code BENCH_JAVA25}, else Temurin 25's Debian home) when there is one. Then the passes of {@code serve} at
 * 2000 alerts through the proxy. It prints the figures, the ratios to the floor and each target of issue 28 met
 * or missed ({@link BenchReport}); it asserts nothing.
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "logs-bench";
    private static final int HOSTS = 50;
    private static final int CODES = 20;
    /** The most alerts the one-query-at-a-time script is run with: 10 000 over 20 ms would take about 10 minutes. */
    static final int SCRIPT_MOST = 2000;
    static final String LOCAL = "local";
    static final String FAR = "20 ms";
    private static final Path JAVA25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
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
    private final int runs;

    private Bench(Path alertas, Path benchDir, Path work, ElasticsearchNode node, RecordingHttpServer slack, Instant now, int runs) {
        this.runs = runs;
        this.alertas = alertas;
        this.benchDir = benchDir;
        this.work = work;
        this.node = node;
        this.slack = slack;
        Instant end = now.minusSeconds(60);
        this.window = "{\"gte\": \"%s\", \"lt\": \"%s\"}".formatted(end.minusSeconds(60), end);
    }

    /**
     * Arguments: the tarball, the bench/ folder, then the numbers of alerts (1 10 200 2000 10000 by default).
     * Environment: BENCH_RUNS, the runs of which each figure is the median (3); BENCH_JAVA25, a Java 25's home.
     */
    public static void main(String[] args) throws Exception {
        Path tarball = Path.of(args[0]).toAbsolutePath();
        Path benchDir = Path.of(args[1]).toAbsolutePath();
        int[] sizes = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 10, 200, 2000, 10_000};
        int runs = runs(System.getenv("BENCH_RUNS"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path work = Files.createTempDirectory("alertas-bench");
        try {
            List<BenchJvm> jvms = jvms(work);
            try (ElasticsearchNode node = ElasticsearchNode.start(); RecordingHttpServer slack = RecordingHttpServer.start();
                    LatencyProxy proxy = LatencyProxy.start("localhost", node.url().getPort(), DELAY_MILLIS)) {
                String machine = machine(jvms, node, now);
                System.out.println(machine);
                index(node, now);
                Bench bench = new Bench(install(tarball, work), benchDir, work, node, slack, now, runs);
                bench.floors();
                Map<String, URI> routes = new LinkedHashMap<>();
                routes.put(LOCAL, node.url());
                routes.put(FAR, URI.create("https://localhost:" + proxy.port()));
                List<Row> rows = new ArrayList<>();
                for (int n : sizes) {
                    if (n > SCRIPT_MOST) {
                        System.out.printf("%d alerts: over 20 ms only, and without the one-query-at-a-time script (it would"
                                + " take about 10 minutes a run)%n", n);
                    }
                    for (Map.Entry<String, URI> route : routes.entrySet()) {
                        if (n <= SCRIPT_MOST || route.getKey().equals(FAR)) {
                            for (BenchJvm jvm : jvms) {
                                rows.add(bench.row(n, route.getKey(), route.getValue(), jvm, jvm == jvms.get(0) && n <= SCRIPT_MOST));
                            }
                        }
                    }
                }
                // serve at the most alerts up to the script's, over 20 ms, on the first JVM: the target's 2000
                Optional<Row> served = rows.stream().filter(r -> r.route().equals(FAR) && r.jvm().equals(jvms.get(0).label())
                        && r.alerts() <= SCRIPT_MOST).max(Comparator.comparingInt(Row::alerts));
                Optional<BenchReport.Serve> serve = served.isEmpty() ? Optional.empty()
                        : Optional.of(bench.serve(served.get(), routes.get(FAR), jvms.get(0)));
                new BenchReport(rows, serve, runs, machine).print();
            }
        } finally {
            Trees.delete(work);
        }
    }

    private static int runs(String value) {
        if (value == null || value.isBlank()) {
            return 3;
        }
        if (!value.matches("[1-9][0-9]?")) {
            throw new IllegalArgumentException("BENCH_RUNS must be a whole number from 1 to 99, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    /**
     * The JVM running the benchmark, then a Java 25 or later: BENCH_JAVA25, else Temurin 25's home; when there is
     * none, it says so and the Java 25 rows are skipped.
     */
    private static List<BenchJvm> jvms(Path work) throws IOException {
        List<BenchJvm> jvms = new ArrayList<>();
        jvms.add(BenchJvm.at(Path.of(System.getProperty("java.home")), work).orElseThrow(
                () -> new IllegalStateException("no release file in " + System.getProperty("java.home"))));
        if (jvms.get(0).feature() >= 25) {
            System.out.println("the benchmark runs on " + jvms.get(0).label() + ": its rows are the Java 25 rows");
            return jvms;
        }
        String named = System.getenv("BENCH_JAVA25");
        Path home = named == null || named.isBlank() ? JAVA25 : Path.of(named);
        BenchJvm.at(home, work).filter(j -> j.feature() >= 25).ifPresentOrElse(jvms::add, () -> System.out.println(
                "no Java 25 or later at " + home + " (BENCH_JAVA25 names one): the Java 25 rows are skipped"));
        return jvms;
    }

    /** The machine's facts for docs/performance.md: cores, memory, CPU, the JVMs, Python, curl, the node, the date. */
    private static String machine(List<BenchJvm> jvms, ElasticsearchNode node, Instant now) throws Exception {
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / (1024 * 1024) + " GiB").orElse("? GiB");
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.replaceFirst("^[^:]*: *", "")).orElse("CPU unknown");
        return "machine: %d cores (%s), %s; %s; %s, %s; Elasticsearch %s on the same machine; %s UTC".formatted(
                Runtime.getRuntime().availableProcessors(), cpu, memory,
                jvms.stream().map(j -> j.label() + ": " + j.version() + " (" + j.home() + ")").collect(Collectors.joining(", ")),
                version("python3", "--version"), version("curl", "--version"),
                node.request("GET", "/_nodes/_local?filter_path=nodes.*.version", null).findValue("version").asText(),
                now.toString().replace('T', ' ').replace("Z", ""));
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

    /** A cold {@code jvm} with bin/alertas's flags, {@code more} flags, floor.jar and the runner's jar. */
    private List<String> java(BenchJvm jvm, List<String> more, String... mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(jvm.java().toString()));
        command.addAll(List.of(FLAGS.split(" ")));
        command.addAll(more);
        command.addAll(List.of("-cp", work.resolve("floor.jar") + ":" + runnerJar()));
        command.addAll(List.of(mainAndArgs));
        return command;
    }

    /**
     * A row: {@code alerts} alerts over {@code route} with the Java contenders on {@code jvm}, and the script when
     * {@code script}. Each Java contender's first run, not counted, makes its cache and warms the cluster's caches.
     */
    private Row row(int alerts, String route, URI cluster, BenchJvm jvm, boolean script) throws Exception {
        Path dir = config(alerts, cluster);
        Map<String, String> env = jvm.alertasEnv();
        List<String> pass = List.of(alertas.toString(), "run", "--config", dir.toString());
        run(pass, env);
        Run alertasRun = median(pass, env, dir);
        List<String> timed = new ArrayList<>(pass);
        timed.add("--timings");
        fresh(dir);
        String timings = run(timed, env).printed().lines().filter(l -> l.startsWith("timings"))
                .map(l -> l.replaceFirst("^timings +", "").replaceAll("  +", " ")).collect(Collectors.joining(", "));
        Optional<Run> scriptRun = Optional.empty();
        if (script) {
            scriptRun = Optional.of(median(List.of("python3", benchDir.resolve("one_at_a_time.py").toString(),
                    plan(alerts, cluster).toString()), Map.of(), null));
        }
        Run helloRun = median(java(jvm, List.of(), "Hello"), Map.of(), null);
        ObjectNode credentials = node.credentials();
        String ca = credentials.path("ca_certificate").asText();
        String user = credentials.path("username").asText() + ":" + credentials.path("password").asText();
        Path searches = msearch(alerts);
        String url = cluster.resolve("/_msearch").toString();
        Run curlRun = median(List.of("curl", "-sSf", "-o", "/dev/null", "--cacert", ca, "-u", user,
                "-H", "Content-Type: application/x-ndjson", "--data-binary", "@" + searches, url), Map.of(), null);
        Path cache = jvm.floorCache(work);
        if (!Files.exists(cache)) {
            run(java(jvm, jvm.makeCache(cache), "JavaFloor", url, ca, user, searches.toString()), Map.of());
        }
        Run javaRun = median(java(jvm, jvm.useCache(cache), "JavaFloor", url, ca, user, searches.toString()), Map.of(), null);
        Trees.delete(dir);
        Row row = new Row(alerts, route, jvm.label(), alertasRun, scriptRun, helloRun, curlRun, javaRun, timings);
        System.out.printf(Locale.ROOT, "measured %d alerts, %s, %s: Alertas %d ms (CPU %d ms), script %s, floor %d ms, Java floor"
                + " %d ms%n", alerts, route, jvm.label(), alertasRun.millis(), alertasRun.cpuMillis(),
                scriptRun.map(r -> r.millis() + " ms").orElse("not run"), row.floor(), javaRun.millis());
        return row;
    }

    /**
     * The passes of {@code serve} with every 15 s over {@code row}'s alerts through the proxy, on {@code jvm}: the
     * duration each pass reports, the first (the JVM's cold one) left out. Ends it with SIGTERM.
     */
    private BenchReport.Serve serve(Row row, URI cluster, BenchJvm jvm) throws Exception {
        Path dir = config(row.alerts(), cluster);
        ProcessBuilder builder = new ProcessBuilder(alertas.toString(), "serve", "--config", dir.toString(), "--every", "15s")
                .redirectErrorStream(true);
        builder.environment().putAll(jvm.alertasEnv());
        Process serve = builder.start();
        serve.getOutputStream().close();
        List<Long> passes = new ArrayList<>();
        long peak = 0;
        Path status = Path.of("/proc", String.valueOf(serve.pid()), "status");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; passes.size() < 1 + runs && (line = out.readLine()) != null; ) {
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
        if (passes.size() < 1 + runs) {
            throw new IllegalStateException("serve ended after " + passes.size() + " passes");
        }
        long[] warm = passes.subList(1, passes.size()).stream().mapToLong(Long::longValue).sorted().toArray();
        return new BenchReport.Serve(row, warm[warm.length / 2], peak);
    }

    /**
     * The median of {@code runs} runs of a command (the upper one of an even number), wall time and CPU time each
     * on its own, and the largest peak RSS; each run with fresh state (what the runner wrote is removed first).
     */
    private Run median(List<String> command, Map<String, String> env, Path config) throws Exception {
        List<Run> each = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            if (config != null) {
                fresh(config);
            }
            each.add(run(command, env));
        }
        long[] millis = each.stream().mapToLong(Run::millis).sorted().toArray();
        long[] cpu = each.stream().mapToLong(Run::cpuMillis).sorted().toArray();
        return new Run(millis[runs / 2], cpu[runs / 2], each.stream().mapToLong(Run::peakRssKb).max().orElse(0),
                each.get(0).printed(), 0);
    }

    /** Removes what the runner wrote into {@code config}: the next pass starts with fresh state. */
    static void fresh(Path config) throws IOException {
        try (Stream<Path> written = Files.list(config)) {
            for (Path file : written.filter(f -> !CONFIG_FILES.contains(f.getFileName().toString())).toList()) {
                Trees.delete(file);
            }
        }
    }
}
