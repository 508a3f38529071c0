package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.SpiVersion;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One team's mistake, or an attacker's input, against a real Elasticsearch and real files: it fails only
 * itself, is said in one line that names it, and never hangs, spams or floods the runner.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class HostileInputTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension(TestingConfig.WEBHOOK_PATH);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NEVER_HANGS = Duration.ofSeconds(120);
    private static final Pattern BIDI = Pattern.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]");

    private RecordingHttpServer slack;
    private TestingConfig config;
    private ElasticsearchNode node;

    @BeforeEach
    void setUp() {
        config.credentials.remove("email");
        config.writeCredentials();
    }

    /** Two alerts that fire on the fixtures and a third, service_installed, left to fail: one _msearch batch. */
    private void threeAlertsInOneBatch() {
        config.alerts(Map.of("privileged_logon", Map.of("index", TestingConfig.LOGONS, "params",
                        Map.of("users", List.of("Administrator", "jesus.pacheco"))),
                "filesystem_usage", Map.of("index", TestingConfig.METRICS),
                "service_installed", Map.of("index", TestingConfig.LOGONS)));
    }

    private String slackBodies() {
        return slack.requests().stream().map(RecordingHttpServer.Request::body).reduce("", String::concat);
    }

    private static List<String> lines(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).toList();
    }

    @Test
    void aQueryElasticsearchCannotParseFailsOnlyItsOwnAlertInTheBatch() {
        threeAlertsInOneBatch();
        config.write("queries/service_installed.json", "{\"query\": {\"no_such_query_type\": {}}}");

        TestingConfig.Result result = config.run("run", "--now", TestingConfig.NOW.toString());

        assertEquals(1, result.exit(), result.err());
        assertTrue(result.out().contains("3 alerts run, 2 fired, 1 failed; notifications (one per alert and medium): 2 delivered, 0 throttled"), result.out());
        List<String> failed = lines(result.err(), "failed");
        assertEquals(1, failed.size(), result.err());
        assertTrue(failed.get(0).startsWith("alert \"service_installed\" failed: Elasticsearch at " + node.url()
                + " answered 400 Bad Request: parsing_exception"), failed.get(0));
        assertTrue(slackBodies().contains("Privileged accounts logged on") && slackBodies().contains("web-01:/"));
    }

    @Test
    void aSearchTheClusterDoesNotAnswerInTimeFailsOnlyItsOwnAlert() throws Exception {
        threeAlertsInOneBatch();
        config.write("queries/service_installed.json", "{\"query\": {\"term\": {\"user.name\": \"slow-marker\"}}}");
        try (TestingSlowProxy proxy = new TestingSlowProxy(node, "slow-marker")) {
            config.credentials.with("elasticsearch").put("url", proxy.url().toString()).put("timeout", "2s")
                    .put("allow_http_credentials", true);
            config.writeCredentials();

            TestingConfig.Result result = config.run("run", "--now", TestingConfig.NOW.toString());

            assertEquals(1, result.exit(), result.err());
            assertTrue(result.out().contains("3 alerts run, 2 fired, 1 failed; notifications (one per alert and medium): 2 delivered, 0 throttled"), result.out());
            assertEquals(List.of("alert \"service_installed\" failed: Elasticsearch at " + proxy.url()
                    + " gave no answer within 2s (POST /" + TestingConfig.LOGONS + "/_search)"), lines(result.err(), "failed"));
            assertTrue(slackBodies().contains("Privileged accounts logged on") && slackBodies().contains("web-01:/"));
        }
    }

    @Test
    void oneHitTooLargeToReadFailsOnlyItsOwnAlert() {
        String index = "hostile-huge-hit";
        node.createIndex(index, json("{\"dynamic\": false, \"properties\": {\"@timestamp\": {\"type\": \"date\"}}}"));
        ObjectNode hit = JSON.createObjectNode().put("@timestamp", TestingConfig.NOW.minusSeconds(90).toString())
                .put("blob", "x".repeat(21_000_000));
        node.index(index, List.of(hit));
        config.write("alerts.d/huge_hit.json", """
                {"index": "hostile-huge-hit", "media": ["slack"],
                 "query": {"size": 1, "query": {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}},
                 "condition": {"path": "hits.total.value", "op": "gt", "value": 0},
                 "message": "a huge document"}
                """);

        TestingConfig.Result result = config.run("run", "--now", TestingConfig.NOW.toString());

        assertEquals(1, result.exit(), result.err());
        assertTrue(result.out().contains("3 alerts run, 2 fired, 1 failed; notifications (one per alert and medium): 2 delivered, 0 throttled"), result.out());
        assertTrue(result.err().contains("alert \"huge_hit\" failed: Elasticsearch at " + node.url()
                + " answered with JSON beyond what the reader takes"), result.err());
        assertTrue(slackBodies().contains("Privileged accounts logged on") && slackBodies().contains("web-01:/"));
        node.deleteIndices(index);
    }

    @Test
    void aTlsClusterThatAcceptsButNeverAnswersIsWaitedForOnceAndSaidOnce() throws Exception {
        Duration pass = aPassOnTheRealCluster();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            config.credentials.with("elasticsearch").put("url", "https://127.0.0.1:" + silent.getLocalPort())
                    .put("timeout", "2s");
            config.writeCredentials();

            Timed timed = timed("run", "--now", TestingConfig.NOW.toString());
            TestingConfig.Result result = timed.result();
            Duration took = timed.took();

            assertEquals(1, result.exit(), result.err());
            List<String> failed = lines(result.err(), "failed");
            assertEquals(List.of("2 alerts failed: Elasticsearch at https://127.0.0.1:" + silent.getLocalPort()
                    + " gave no answer within 2s (the connection or its TLS handshake did not complete) (POST /_msearch):"
                    + " privileged_logon, filesystem_usage"), failed);
            assertTrue(took.compareTo(Duration.ofSeconds(4).plus(pass.multipliedBy(2))) < 0,
                    "waited once for the 2s timeout, not three times (a pass here takes " + pass + "): " + took);
        }
    }

    @Test
    void aPlainHttpClusterThatNeverAnswersIsCutAtThePassTimeout() throws Exception {
        Duration pass = aPassOnTheRealCluster();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = acceptingForever(silent);
            ObjectNode es = config.credentials.with("elasticsearch");
            es.removeAll();
            es.put("url", "http://127.0.0.1:" + silent.getLocalPort()).put("timeout", "6s").put("pass_timeout", "2s");
            config.writeCredentials();

            Timed timed = timed("run", "--now", TestingConfig.NOW.toString());
            TestingConfig.Result result = timed.result();
            Duration took = timed.took();

            assertEquals(1, result.exit(), result.err());
            assertTrue(result.err().contains("2 alerts failed: no answer from Elasticsearch at http://127.0.0.1:"
                    + silent.getLocalPort() + " within the pass's 2s (pass_timeout)"), result.err());
            assertTrue(took.compareTo(Duration.ofSeconds(6).plus(pass.multipliedBy(2))) < 0, "a batch timeout and then"
                    + " each search's own would take 12s; the pass stopped at 2s (a pass here takes " + pass + "): " + took);
            acceptor.interrupt();
        }
    }

    /** A run of the runner and how long it took. */
    private record Timed(TestingConfig.Result result, Duration took) {
    }

    private Timed timed(String... args) {
        long started = System.nanoTime();
        TestingConfig.Result result = config.run(args);
        return new Timed(result, Duration.ofNanos(System.nanoTime() - started));
    }

    /** How long a dry-run pass against the real cluster takes on this machine now: the yardstick of timed tests. */
    private Duration aPassOnTheRealCluster() {
        Timed dryRun = timed("run", "--dry-run", "--now", TestingConfig.NOW.toString());
        assertEquals(0, dryRun.result().exit(), dryRun.result().err());
        return dryRun.took();
    }

    /** Accepts every connection and reads nothing: a cluster that is up but never answers. */
    private static Thread acceptingForever(ServerSocket server) {
        List<Socket> held = new ArrayList<>();
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    held.add(server.accept());
                }
            } catch (Exception closed) {
                // the test is over
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void aHostNameThatDoesNotResolveIsSaidSoNotRefused() {
        config.credentials.with("elasticsearch").put("url", "https://es.no-such-host.invalid:9200");
        config.writeCredentials();

        TestingConfig.Result result = config.run("run", "--now", TestingConfig.NOW.toString());

        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains("its host name \"es.no-such-host.invalid\" does not resolve"), result.err());
        assertFalse(result.err().contains("refused"), result.err());
    }

    @Test
    void aWrongPasswordIsSaidOnceWithTheAlertsItFailed() {
        threeAlertsInOneBatch();
        config.credentials.with("elasticsearch").put("password", "not-the-password");
        config.writeCredentials();

        TestingConfig.Result result = config.run("run", "--now", TestingConfig.NOW.toString());

        assertEquals(1, result.exit(), result.err());
        List<String> unauthorized = lines(result.err(), "401");
        assertEquals(1, unauthorized.size(), result.err());
        assertTrue(unauthorized.get(0).startsWith("3 alerts failed: Elasticsearch at " + node.url() + " answered 401"),
                unauthorized.get(0));
        assertTrue(unauthorized.get(0).endsWith(": privileged_logon, service_installed, filesystem_usage"),
                unauthorized.get(0));
    }

    @Test
    void aMissingOrBrokenCredentialsFileIsOneProblemNotACascade() throws Exception {
        Files.delete(config.dir.resolve("credentials.json"));

        TestingConfig.Result missing = config.run("validate");

        assertEquals(2, missing.exit());
        assertEquals(List.of(config.dir.resolve("credentials.json") + ": not found; it must hold the cluster URL and"
                + " credentials", "1 problem in " + config.dir + "; nothing was run"), missing.err().lines().toList());

        config.write("credentials.json", "{\"elasticsearch\": {\"url\": \"https://es:9200\", \"password\": Zq9-unquoted-secret}}");
        TestingConfig.Result broken = config.run("validate");

        assertEquals(2, broken.exit());
        assertEquals(2, broken.err().lines().count(), broken.err());
        assertTrue(broken.err().matches("(?s)credentials\\.json:1:\\d+: malformed JSON \\(not quoted here.*"), broken.err());
        assertFalse(broken.err().contains("Zq9"), "the unquoted secret is not echoed: " + broken.err());
        assertFalse(config.read("alerts.log").contains("Zq9"), "nor logged");
    }

    @Test
    void anOptionWithAnEqualsSignIsAccepted() {
        TestingConfig.Result result = config.runExactly("list", "--config=" + config.dir);

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("privileged_logon"), result.out());
    }

    @Test
    void aMediumSettingProblemNamesItsSectionAndField(@TempDir Path work) throws Exception {
        TestingJars.build(work, config.dir.resolve("plugins/chatops.jar"), Map.of("com.example.chatops.ChatOpsProvider", """
                package com.example.chatops;
                import com.fasterxml.jackson.databind.JsonNode;
                import io.alertas.spi.*;
                public class ChatOpsProvider implements MediumProvider {
                    public String name() { return "chatops"; }
                    public Medium create(JsonNode settings) throws SettingException {
                        throw new SettingException("url", "is required");
                    }
                }
                """), Map.of("META-INF/services/io.alertas.spi.MediumProvider", "com.example.chatops.ChatOpsProvider\n"));
        config.credentials.putObject("chatops");
        config.writeCredentials();

        TestingConfig.Result result = config.run("validate");

        assertEquals(2, result.exit());
        assertTrue(result.err().lines().anyMatch(l -> l.matches(
                "credentials\\.json:\\d+:\\d+: chatops: \"url\" is required; 2 active alerts use it")),
                result.err());
    }

    @Test
    void aPluginMediumKindThatIsBuiltInIsIgnoredWithAWarningNamingItsJarAndClassEvenWhenTheConfigFails(@TempDir Path work)
            throws Exception {
        TestingJars.build(work, config.dir.resolve("plugins/teams.jar"), Map.of("com.example.teams.TeamsProvider", """
                package com.example.teams;
                import com.fasterxml.jackson.databind.JsonNode;
                import io.alertas.spi.*;
                public class TeamsProvider implements MediumProvider {
                    public String name() { return "teams"; }
                    public Medium create(JsonNode settings) throws SettingException {
                        throw new SettingException("url", "is required");
                    }
                }
                """), Map.of("META-INF/services/io.alertas.spi.MediumProvider", "com.example.teams.TeamsProvider\n"));

        String warning = "warning: " + config.dir.resolve("plugins/teams.jar") + ": medium kind \"teams\" of"
                + " com.example.teams.TeamsProvider is ignored: the built-in medium \"teams\" has that name; rename it";

        TestingConfig.Result result = config.run("validate");

        assertEquals(0, result.exit(), result.err());
        assertEquals(1, result.err().lines().filter(warning::equals).count(), result.err());
        assertFalse(result.err().contains("io.alertas.core.internal"), result.err());

        config.write("alerts.json", "{\"no_such_alert\": {\"active\": true}}");
        TestingConfig.Result failing = config.run("validate");

        assertEquals(2, failing.exit(), failing.err());
        assertEquals(1, failing.err().lines().filter(warning::equals).count(), failing.err());
    }

    @Test
    void aPluginMediumWhoseNameThrowsIsThatJarsProblemAndTheRestLoads(@TempDir Path work) throws Exception {
        TestingJars.build(work, config.dir.resolve("plugins/noname.jar"), Map.of("com.example.noname.NoNameProvider", """
                package com.example.noname;
                import com.fasterxml.jackson.databind.JsonNode;
                import io.alertas.spi.*;
                public class NoNameProvider implements MediumProvider {
                    public String name() { throw new IllegalStateException("no name today"); }
                    public Medium create(JsonNode settings) { return n -> { }; }
                }
                """), Map.of("META-INF/services/io.alertas.spi.MediumProvider", "com.example.noname.NoNameProvider\n"));

        TestingConfig.Result result = config.run("list");

        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains(config.dir.resolve("plugins/noname.jar") + ": com.example.noname.NoNameProvider skipped:"
                + " its name() failed: java.lang.IllegalStateException: no name today"), result.err());
        assertTrue(result.out().contains("privileged_logon"), result.out());
    }

    @Test
    void credentialsForAPlainHttpClusterAreRefusedUnlessAllowed() {
        ObjectNode es = config.credentials.with("elasticsearch");
        es.put("url", "http://127.0.0.1:9200");
        config.writeCredentials();

        TestingConfig.Result refused = config.run("validate");

        assertEquals(2, refused.exit());
        assertTrue(refused.err().lines().anyMatch(l -> l.matches("credentials\\.json:\\d+:\\d+: \"url\" is http://, so the"
                + " password would cross the network in clear; use https://, or add \"allow_http_credentials\": true"
                + " to \"elasticsearch\" if this network is trusted")), refused.err());

        es.put("allow_http_credentials", "true");
        config.writeCredentials();
        TestingConfig.Result quoted = config.run("validate");
        assertEquals(2, quoted.exit());
        assertEquals(List.of("\"allow_http_credentials\" must be true or false"), quoted.err().lines()
                .filter(l -> l.startsWith("credentials.json:")).map(l -> l.replaceFirst("^credentials\\.json:\\d+:\\d+: ", ""))
                .toList(), quoted.err());

        es.put("allow_http_credentials", true);
        config.writeCredentials();
        assertEquals(0, config.run("validate").exit());
    }

    @Test
    void devicesFifosAndHugeFilesAreRefusedByNameWithoutHangingOrFillingTheHeap() throws Exception {
        Files.createDirectories(config.dir.resolve("alerts.d"));
        Files.createSymbolicLink(config.dir.resolve("alerts.d/zero.json"), Path.of("/dev/zero"));
        mkfifo(config.dir.resolve("alerts.d/fifo.json"));
        config.write("alerts.d/big.json", "{\"index\": \"" + "x".repeat(11 << 20) + "\"}");
        config.write("queries/privileged_logon.json", "{\"size\": 0, \"note\": \"" + "x".repeat(11 << 20) + "\"}");

        TestingConfig.Result result = assertTimeoutPreemptively(NEVER_HANGS, () -> config.run("validate"));

        assertEquals(2, result.exit());
        List<String> err = result.err().lines().toList();
        assertTrue(err.contains("alerts.d/zero.json: alert \"zero\": is a FIFO, socket or device, not a regular file"), result.err());
        assertTrue(err.contains("alerts.d/fifo.json: alert \"fifo\": is a FIFO, socket or device, not a regular file"), result.err());
        assertTrue(err.contains("alerts.d/big.json: alert \"big\": is larger than 10 MB, more than a file of this kind"
                + " ever holds; check that it is the right file"), result.err());
        assertTrue(err.contains("queries/privileged_logon.json: alert \"privileged_logon\": is larger than 10 MB, more"
                + " than a file of this kind ever holds; check that it is the right file"), result.err());
        assertEquals("4 problems in " + config.dir + "; nothing was run", err.get(err.size() - 1));

        Files.delete(config.dir.resolve("credentials.json"));
        Files.createSymbolicLink(config.dir.resolve("credentials.json"), Path.of("/dev/zero"));
        TestingConfig.Result credentials = assertTimeoutPreemptively(NEVER_HANGS, () -> config.run("run"));
        assertEquals(2, credentials.exit());
        assertTrue(credentials.err().startsWith(config.dir.resolve("credentials.json")
                + ": is a FIFO, socket or device, not a regular file"), credentials.err());
    }

    @Test
    void jarsThatAreNotZipsOrHoldAHugeServicesFileAreNamed(@TempDir Path work) throws Exception {
        Path plugins = Files.createDirectories(config.dir.resolve("plugins"));
        Files.writeString(plugins.resolve("notes.jar"), "this is not a jar");
        Path whole = TestingJars.broken(work.resolve("whole.jar"), "io.alertas.spi.AlertModule", "com.example.Missing");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(plugins.resolve("truncated.jar"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("huge-services.jar")),
                TestingJars.manifest(SpiVersion.current()))) {
            jar.putNextEntry(new JarEntry("META-INF/services/io.alertas.spi.AlertModule"));
            jar.write("com.example.Module".repeat(200_000).getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }

        TestingConfig.Result validate = assertTimeoutPreemptively(NEVER_HANGS, () -> config.run("validate"));

        assertEquals(2, validate.exit());
        List<String> err = validate.err().lines().toList();
        assertTrue(err.contains("alert-runner: " + plugins.resolve("notes.jar") + ": skipped: it is not a jar (not a"
                + " readable zip file: zip END header not found); was it copied whole?"), validate.err());
        assertTrue(err.stream().anyMatch(l -> l.startsWith("alert-runner: " + plugins.resolve("truncated.jar")
                + ": skipped: it is not a jar")), validate.err());
        assertTrue(err.contains("alert-runner: " + plugins.resolve("huge-services.jar") + ": skipped:"
                + " META-INF/services/io.alertas.spi.AlertModule is larger than 64 KB; a services file names a"
                + " few classes"), validate.err());

        TestingConfig.Result run = config.run("run", "--now", TestingConfig.NOW.toString());
        assertEquals(1, run.exit(), "the built-in alerts run and deliver; the bad jars make it exit 1");
        assertTrue(run.out().contains("2 fired, 0 failed; notifications (one per alert and medium): 2 delivered"), run.out());
    }

    @Test
    void poisonedStateValuesAreRepairedWithAWarningAndThePassGoesOn() {
        config.write("throttle_period.json", """
                {"format": 1,
                 "checkpoints": {"filesystem_usage": "9999-12-31T00:00:00Z"},
                 "throttles": {"privileged_logon": {"slack": {
                   "Administrator": {"delivered_at": "+1000000000-12-31T23:59:59Z", "suppressed": 2147483647},
                   "jesus.pacheco": {"delivered_at": "2026-05-04T10:00:00Z", "suppressed": "many"}}}},
                 "pending": []}
                """);

        TestingConfig.Result first = config.run("run", "--now", TestingConfig.NOW.toString());

        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("warning: alert \"privileged_logon\", key \"Administrator\" on slack: delivered"
                + " at +1000000000-12-31T23:59:59Z, after this pass; its throttle counts from " + TestingConfig.NOW), first.err());
        assertTrue(first.err().contains("alert \"privileged_logon\", key \"jesus.pacheco\" on slack cannot be read"
                + " (\"suppressed\" must be a whole number); dropped it"), first.err());
        assertTrue(first.err().contains("warning: alert \"filesystem_usage\": its checkpoint 9999-12-31T00:00:00Z is"
                + " after this pass"), first.err());
        assertTrue(slackBodies().contains("Privileged accounts logged on: jesus.pacheco"), slackBodies());

        TestingConfig.Result hourLater = config.run("run", "--now", TestingConfig.NOW.plus(Duration.ofHours(1)).toString());
        assertEquals(0, hourLater.exit(), hourLater.err());
        assertFalse(hourLater.err().contains("warning"), "repaired once, said once: " + hourLater.err());
    }

    @Test
    void fieldsWithLineBreaksAndEscapesCannotForgeLogLinesOrDriveTheTerminal() throws Exception {
        String index = "hostile-fields";
        node.createIndex(index, json("{\"properties\": {\"@timestamp\": {\"type\": \"date\"},"
                + " \"user\": {\"properties\": {\"name\": {\"type\": \"keyword\"}}}, \"note\": {\"type\": \"text\"}}}"));
        String forged = "eve\n2026-05-04T10:15:00.000Z ERROR [main] Pass - FORGED \u001b[2J\u001b[31mred"
                + " \u202egnp.exe\u2066\u2069\u200f\u061c";
        String note = "\uD83D\uDD25".repeat(30_000) + "&<>".repeat(10_000);
        ObjectNode event = JSON.createObjectNode().put("@timestamp", TestingConfig.NOW.minusSeconds(90).toString())
                .put("note", note);
        event.putObject("user").put("name", forged);
        node.index(index, List.of(event));
        config.write("alerts.d/odd_users.json", """
                {"index": "hostile-fields", "media": ["slack"],
                 "query": {"size": 1, "query": {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}},
                           "aggs": {"users": {"terms": {"field": "user.name"}}}},
                 "condition": {"buckets": "aggregations.users.buckets", "path": "doc_count", "op": "gt", "value": 0},
                 "summary": "Odd users",
                 "message": "{{doc_count}} events"}
                """);
        config.write("alerts.d/long_note.json", """
                {"index": "hostile-fields", "media": ["slack"],
                 "query": {"size": 1, "query": {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}},
                 "condition": {"path": "hits.total.value", "op": "gt", "value": 0},
                 "message": "{{hits.hits.0._source.note}}"}
                """);

        TestingConfig.Result dryRun = config.run("run", "--dry-run", "--now", TestingConfig.NOW.toString());

        assertEquals(0, dryRun.exit(), dryRun.err());
        assertFalse(dryRun.out().contains("\u001b"), "no escape sequence reaches the terminal");
        assertTrue(dryRun.out().contains("eve\\n2026-05-04T10:15:00.000Z ERROR [main] Pass - FORGED \\u001b[2J"), dryRun.out());
        assertTrue(dryRun.out().contains("\\u202egnp.exe\\u2066\\u2069\\u200f\\u061c"), "bidi formatting is escaped too: " + dryRun.out());
        assertFalse(BIDI.matcher(dryRun.out()).find(), dryRun.out());

        TestingConfig.Result run = config.run("run", "--now", TestingConfig.NOW.toString());

        assertEquals(0, run.exit(), run.err());
        String log = config.read("alerts.log");
        assertTrue(log.lines().noneMatch(l -> l.startsWith("2026-05-04T10:15:00.000Z ERROR")), "no forged line:\n" + log);
        assertFalse(log.contains("\u001b"), log);
        assertFalse(BIDI.matcher(log).find(), log);
        for (RecordingHttpServer.Request request : slack.requests()) {
            JsonNode payload = JSON.readTree(request.body());
            assertTrue(payload.path("text").asText().length() <= 4000, "the fallback text is within 4,000");
            for (JsonNode block : payload.path("blocks")) {
                assertTrue(block.path("text").path("text").asText().length() <= 3000, block.toString());
                block.path("fields").forEach(f -> assertTrue(f.path("text").asText().length() <= 2000));
            }
            assertFalse(lonelySurrogate(request.body()), "no emoji is cut in half");
        }
        assertTrue(slackBodies().contains("\uD83D\uDD25…"), "the long message is clipped between two emoji");
        node.deleteIndices(index);
    }

    private static boolean lonelySurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(++i)))
                    || Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static void mkfifo(Path path) throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).start().waitFor());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
