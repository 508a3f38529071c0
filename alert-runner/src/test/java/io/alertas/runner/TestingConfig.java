package io.alertas.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertModule;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.ServiceLoader;

/** A config dir for the runner in a test, pointing at the test's Elasticsearch, Slack receiver and SMTP server. */
final class TestingConfig {

    static final String LOGONS = "winlogbeat-runner-test";
    static final String METRICS = "metricbeat-runner-test";
    static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");
    static final String WEBHOOK_PATH = "/services/T0AAAA/B0BBBB/webhook-secret-path";

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final ObjectNode credentials = JSON.createObjectNode();
    /** The instant the runner's clock shows; passes given --now decide their windows by that instead. */
    private Instant clock = NOW;

    /** What one run of the runner printed and returned. */
    record Result(int exit, String out, String err) {
    }

    TestingConfig(Path dir, ElasticsearchNode node, URI slack, int smtpPort) {
        this.dir = dir;
        credentials.set("elasticsearch", node.credentials());
        credentials.putObject("slack").put("webhook_url", slack.toString());
        ObjectNode email = credentials.putObject("email").put("from", "alertas@example.com");
        email.putArray("to").add("ops@example.com");
        email.putObject("smtp").put("host", "127.0.0.1").put("port", smtpPort).put("security", "none");
        writeCredentials();
        alerts(Map.of("privileged_logon", Map.of("index", LOGONS, "params",
                        Map.of("users", new String[] {"Administrator", "jesus.pacheco"})),
                "filesystem_usage", Map.of("index", METRICS)));
    }

    /**
     * Indexes the demo's logons and metrics, relative to {@link #NOW}, unless the node holds them: once per test
     * class, as each class's indices are deleted after it.
     */
    static synchronized void indexFixtures(ElasticsearchNode node) {
        if (node.request("GET", "/_cat/indices?format=json&h=index", null).findValuesAsText("index").contains(LOGONS)) {
            return;
        }
        node.createIndex(LOGONS, Fixtures.json(TestingConfig.class, "/demo/winlogbeat-mapping.json"));
        node.index(LOGONS, Fixtures.load(TestingConfig.class, "/demo/winlogbeat.ndjson", NOW));
        node.createIndex(METRICS, Fixtures.json(TestingConfig.class, "/demo/metricbeat-mapping.json"));
        node.index(METRICS, Fixtures.load(TestingConfig.class, "/demo/metricbeat.ndjson", NOW));
    }

    void writeCredentials() {
        write("credentials.json", credentials.toPrettyString());
        try {
            Files.setPosixFilePermissions(dir.resolve("credentials.json"), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes alerts.json with these alerts' settings; every other built-in alert is switched off. */
    void alerts(Map<String, ?> alerts) {
        ObjectNode all = JSON.valueToTree(alerts);
        for (AlertModule module : ServiceLoader.load(AlertModule.class)) {
            module.alerts().forEach(a -> {
                if (!all.has(a.name())) {
                    all.putObject(a.name()).put("active", false);
                }
            });
        }
        write("alerts.json", all.toPrettyString());
    }

    void write(String file, String content) {
        try {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the instant the runner's clock shows from now on: when a silence starts, what status calls now. */
    void clock(Instant instant) {
        this.clock = instant;
    }

    /** Runs the runner in this JVM with {@code args} followed by {@code --config DIR}. */
    Result run(String... args) {
        return run(Map.of(), args);
    }

    Result run(Map<String, String> environment, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = dir.toString();
        return execute(environment, all);
    }

    /** Runs the runner in this JVM with exactly {@code args}. */
    Result runExactly(String... args) {
        return execute(Map.of(), args);
    }

    private Result execute(Map<String, String> environment, String[] all) {
        return runMain(environment, Clock.fixed(clock, ZoneOffset.UTC), all);
    }

    /** Runs the runner in this JVM with exactly {@code args}, the given environment and the system clock. */
    static Result runMain(Map<String, String> environment, String... args) {
        return runMain(environment, Clock.systemUTC(), args);
    }

    /** Runs the runner in this JVM with exactly {@code args}, capturing what it prints to out and err. */
    static Result runMain(Map<String, String> environment, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment::get, clock).execute(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
