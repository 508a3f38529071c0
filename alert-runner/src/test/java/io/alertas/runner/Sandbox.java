package io.alertas.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.Cluster;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./try.sh}: a local cluster to try Alertas on. Starts a node from the Maven artifact, installs the index
 * templates, loads Winlogbeat, Metricbeat and Heartbeat sample events (again every 30 s, so that every pass has
 * something to find), writes a config dir with {@code init} and points it at the node and at a local
 * Slack-compatible receiver that prints what it gets, then says how to connect and what to run, and runs
 * until stopped.
 *
 * <p>A second start reuses the config dir: the user's files in it are kept, and the cluster and the receiver listen
 * on the ports it remembers ({@link SandboxDir}), so the config still points at them; the cluster's data is loaded
 * anew.
 *
 * <p>Arguments: the config dir, the index-templates dir, the cluster (such as {@code opensearch-3.3.0}) and the
 * runner jar that the printed commands run.
 */
public final class Sandbox {

    static final Map<String, String> INDICES = Map.of("winlogbeat", "winlogbeat-sandbox", "metricbeat", "metricbeat-sandbox",
            "heartbeat", "heartbeat-sandbox");
    /** The alerts the sandbox switches on, the ones its sample events make fire, and the Beat each reads. */
    static final Map<String, String> SWITCHED_ON = new TreeMap<>(Map.of("privileged_logon", "winlogbeat",
            "filesystem_usage", "metricbeat", "monitor_down", "heartbeat", "tls_certificate_expiring", "heartbeat"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox() {
    }

    public static void main(String[] args) throws Exception {
        Path templates = Path.of(args[1]);
        Cluster cluster = Cluster.parse(args[2]);
        Path jar = Path.of(args[3]).toAbsolutePath();
        SandboxDir sandbox;
        try {
            sandbox = SandboxDir.open(Path.of(args[0]).toAbsolutePath(), cluster);
        } catch (SandboxDir.Refused e) {
            System.err.println("try.sh: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path dir = sandbox.dir();
        System.out.println((sandbox.made() ? "Reusing " + dir + " (your files in it are kept); starting " : "Starting ")
                + cluster.displayName() + " from the Maven artifact ...");
        ElasticsearchNode node;
        RecordingHttpServer slack;
        try {
            slack = RecordingHttpServer.start(sandbox.slackPort()); // first: it fails at once, and has nothing to stop
            node = ElasticsearchNode.start(cluster, sandbox.clusterPort());
        } catch (UncheckedIOException e) {
            System.err.println("try.sh: " + e.getMessage() + (sandbox.made() && e.getMessage().contains(" is taken ") ? "; " + dir.resolve(SandboxDir.FILE)
                    + " keeps that port so that the config still points at it: stop that program, or name another dir" : ""));
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping " + cluster.displayName() + " and the Slack receiver; " + dir + " is kept.");
            slack.close();
            node.close();
        }, "sandbox-stop"));
        installTemplates(node, templates);
        createIndices(node);
        load(node, Instant.now());
        if (sandbox.made()) {
            copyCa(node, dir);
        } else {
            prepare(node, dir, slack);
            sandbox.remember(cluster, node.url().getPort(), slack.url("/").getPort());
        }
        String runner = "java -jar " + shell(jar.toString());
        String config = shell(dir.toString());
        System.out.println();
        System.out.println(cluster.displayName() + " is up at " + node.url());
        if (cluster.secured()) {
            System.out.println("  CA:       " + dir.resolve("http_ca.crt"));
            System.out.println("  user:     " + ElasticsearchNode.USERNAME);
            System.out.println("  password: " + ElasticsearchNode.PASSWORD + "   (a local sandbox's; it is in credentials.json)");
        } else {
            System.out.println("  plain HTTP, no user: the OpenSearch integ-test distribution has no security plugin");
        }
        System.out.println("Sample Winlogbeat, Metricbeat and Heartbeat events are in " + String.join(", ", INDICES.values())
                + ", loaded again every 30 s.");
        System.out.println("Config dir " + dir + ", written by alertas init, then pointed at this cluster; switched on: "
                + String.join(", ", SWITCHED_ON.keySet()) + ". Slack goes to a receiver here, which prints below what it gets."
                + " A second ./try.sh reuses it, on the same ports.");
        System.out.println();
        System.out.println("Next, in another terminal:");
        System.out.println("  " + runner + " validate --connect --config " + config);
        System.out.println("  " + runner + " run --config " + config + "      (again a minute later: the throttle holds it)");
        System.out.println("  " + runner + " status --config " + config);
        System.out.println("  curl " + (cluster.secured() ? "--cacert " + shell(dir.resolve("http_ca.crt").toString()) + " -u "
                + ElasticsearchNode.USERNAME + ":" + ElasticsearchNode.PASSWORD + " " : "") + node.url() + "/_cat/indices");
        System.out.println("Ctrl-C stops the cluster.");
        int shown = 0;
        Instant next = Instant.now().plusSeconds(30);
        while (true) {
            Thread.sleep(1000);
            List<RecordingHttpServer.Request> received = slack.requests();
            for (; shown < received.size(); shown++) {
                System.out.println("Slack received: " + JSON.readTree(received.get(shown).body()).path("text").asText());
            }
            if (Instant.now().isAfter(next)) {
                load(node, Instant.now());
                next = Instant.now().plusSeconds(30);
            }
        }
    }

    /** {@code path} as one word of a shell command: as it is when it has only safe characters, else single-quoted. */
    static String shell(String path) {
        return path.matches("[A-Za-z0-9_./+:=@%-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    /** Installs every template of {@code dir} as {@code alertas-NAME}. */
    static void installTemplates(ElasticsearchNode node, Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".json", "");
                node.request("PUT", "/_index_template/alertas-" + name, JSON.readTree(Files.readString(file)));
            }
        }
    }

    /** Creates the sample indices without replicas, so that the one node stays green; the templates map them. */
    static void createIndices(ElasticsearchNode node) {
        INDICES.values().forEach(index -> node.createIndex(index, JSON.createObjectNode()));
    }

    /** Indexes the sample events with times relative to {@code now}. */
    static void load(ElasticsearchNode node, Instant now) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        node.index(INDICES.get("winlogbeat"), Fixtures.load(Sandbox.class, "/sandbox/winlogbeat.ndjson", second));
        node.index(INDICES.get("metricbeat"), Fixtures.load(Sandbox.class, "/demo/metricbeat.ndjson", second));
        node.index(INDICES.get("heartbeat"), Fixtures.load(Sandbox.class, "/sandbox/heartbeat.ndjson", second));
    }

    /**
     * Writes the config dir as a user would: {@code init}, then credentials.json pointed at the node and the
     * receiver, and the {@link #SWITCHED_ON} alerts switched on over the sample indices.
     */
    static void prepare(ElasticsearchNode node, Path dir, RecordingHttpServer slack) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(); // init's next steps: the sandbox has done them
        int exit = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, System::getenv, Clock.systemUTC())
                .execute(new String[] {"init", dir.toString()});
        if (exit != 0) {
            throw new IOException("init failed with exit code " + exit);
        }
        ObjectNode credentials = JSON.createObjectNode();
        ObjectNode cluster = node.credentials();
        if (node.cluster().secured()) {
            copyCa(node, dir);
            cluster.put("ca_certificate", dir.resolve("http_ca.crt").toString());
        }
        credentials.set("elasticsearch", cluster);
        credentials.putObject("slack").put("webhook_url", slack.url("/services/SANDBOX/LOCAL/receiver").toString());
        Files.writeString(dir.resolve("credentials.json"), "// Written by ./try.sh for its local cluster.\n"
                + credentials.toPrettyString() + "\n");
        String alerts = Files.readString(dir.resolve("alerts.json"));
        for (Map.Entry<String, String> on : SWITCHED_ON.entrySet()) {
            ObjectNode settings = JSON.createObjectNode().put("active", true).put("index", INDICES.get(on.getValue()));
            if (on.getKey().equals("privileged_logon")) {
                settings.putObject("params").putArray("users").add("Administrator");
            }
            alerts = alerts.replace("\"" + on.getKey() + "\": { \"active\": false }", "\"" + on.getKey() + "\": " + settings);
        }
        Files.writeString(dir.resolve("alerts.json"), alerts);
    }

    /**
     * Copies the CA of a secured node to {@code http_ca.crt} in the config dir, where credentials.json points: the
     * test distribution's CA is made again when Java's temp dir was cleaned, so each start copies it.
     */
    static void copyCa(ElasticsearchNode node, Path dir) throws IOException {
        if (node.cluster().secured()) {
            Files.copy(node.caCertificate(), dir.resolve("http_ca.crt"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
