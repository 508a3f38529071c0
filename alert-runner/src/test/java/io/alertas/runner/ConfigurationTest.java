package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.core.internal.state.FileStateStore;
import io.alertas.core.internal.state.StateStore;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.io.BufferedWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line naming file, alert and line:column, exit 2, and nothing changes. */
@ExtendWith(ElasticsearchExtension.class)
class ConfigurationTest {

    private TestingConfig config;

    @BeforeEach
    void setUp(ElasticsearchNode node, @TempDir Path dir) {
        TestingConfig.indexFixtures(node);
        config = new TestingConfig(dir, node, URI.create("http://127.0.0.1:9/hook"), 25);
    }

    @Test
    void validateNamesFileLineAndColumnOfMalformedAlertsJson() {
        config.write("alerts.json", "{\n  \"privileged_logon\": {\n    \"active\": true,\n  }\n}\n");

        TestingConfig.Result result = config.run("validate");

        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("alerts.json:4:3: malformed JSON (not quoted here"), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }

    @Test
    void validateReportsEveryProblemWithItsAlertAndPlace() {
        config.write("alerts.json", """
                {
                  "privileged_logon": { "throttle_period": "ten minutes", "media": ["teams"] },
                  "filesystem_usage": { "params": { "threshold": 0.8 }, "actve": false },
                  "disk_full": { "active": true }
                }
                """);

        TestingConfig.Result result = config.run("validate");

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("alerts.json:4:3: alert \"disk_full\": no plugin defines this alert; known alerts: "
                + "account_locked_out, audit_log_cleared, cluster_health, cpu_high,"), result.err());
        assertTrue(result.err().contains("alerts.json:2:25: alert \"privileged_logon\": \"throttle_period\" must be minutes"),
                result.err());
        assertTrue(result.err().contains("alerts.json:2:59: alert \"privileged_logon\": medium \"teams\" is not configured; "
                + "configured media: slack, email"), result.err());
        assertTrue(result.err().contains("alerts.json:3:57: alert \"filesystem_usage\": unknown setting \"actve\""),
                result.err());
        assertTrue(result.err().contains("4 problems in "), result.err());
    }

    @Test
    void aBrokenMediumIsOneLineNamingHowManyAlertsUseItNotOneMorePerAlert() {
        config.credentials.remove("email");
        config.credentials.with("slack").remove("webhook_url");
        config.writeCredentials();
        config.alerts(Map.of("privileged_logon", Map.of("media", List.of("slack")), "filesystem_usage", Map.of(),
                "cpu_high", Map.of("active", true)));

        TestingConfig.Result result = config.run("validate");

        assertEquals(2, result.exit());
        assertEquals(List.of("credentials.json:8:3: slack: \"webhook_url\" is missing; 3 active alerts use it",
                "1 problem in " + config.dir + "; nothing was run"), result.err().lines().toList());
    }

    @Test
    void aMissingEnvironmentVariableIsNamedAndNothingRuns() {
        config.credentials.with("elasticsearch").put("password", "${ES_PASSWORD}");
        config.writeCredentials();

        TestingConfig.Result result = config.run("run");

        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("credentials.json:5:5: \"password\": environment variable ES_PASSWORD is not set"), result.err());
        assertTrue(result.err().contains("1 problem in "), result.err());
        assertFalse(Files.exists(config.dir.resolve("throttle_period.json")));
    }

    @Test
    void aMissingCredentialsFileIsNamed() throws Exception {
        Files.delete(config.dir.resolve("credentials.json"));

        TestingConfig.Result result = config.run("list");

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("credentials.json: not found"), result.err());
    }

    @Test
    void credentialsReadableByOthersGetAWarning() throws Exception {
        Files.setPosixFilePermissions(config.dir.resolve("credentials.json"), PosixFilePermissions.fromString("rw-r--r--"));

        TestingConfig.Result result = config.run("validate");

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("credentials.json is readable by group or others; it holds secrets: chmod 600 it"),
                result.err());
    }

    @Test
    void aConfigDirPluginsAlertsDOrQueriesWritableByOthersGetOneWarningEachNamingTheFix(@TempDir Path work) throws Exception {
        Path jar = TestingJars.build(work, config.dir.resolve("plugins/team.jar"),
                Map.of("com.example.team.Nothing", "package com.example.team; public class Nothing {}"), Map.of());
        config.write("alerts.d/team_alert.json", OperatingTest.webErrors("team-index", ""));
        Files.createDirectories(config.dir.resolve("queries"));
        Map<Path, String> modes = Map.of(config.dir, "rwxrwxrwx", config.dir.resolve("plugins"), "rwxrwxr-x", jar, "rw-rw-rw-",
                config.dir.resolve("alerts.d"), "rwxr-xrwx", config.dir.resolve("alerts.d/team_alert.json"), "rw-rw-r--",
                config.dir.resolve("queries"), "rwxrwx---");
        for (Map.Entry<Path, String> mode : modes.entrySet()) {
            Files.setPosixFilePermissions(mode.getKey(), PosixFilePermissions.fromString(mode.getValue()));
        }

        TestingConfig.Result result = config.run("validate");

        assertEquals(0, result.exit(), result.err());
        List<String> warnings = result.err().lines().filter(l -> l.contains("writable")).toList();
        assertEquals(modes.size(), warnings.size(), result.err());
        for (Path path : modes.keySet()) {
            assertTrue(warnings.contains("warning: " + path + " is writable by group or others, who could put code or"
                    + " configuration into the runner: chmod go-w " + path), result.err());
        }
    }

    @Test
    void aLinkedAlertsDFileOrQueriesFolderInAFolderOthersCanWriteGetsAWarningNamingTheFix(@TempDir Path work)
            throws Exception {
        Path files = Files.createDirectories(work.resolve("w1"));
        Path folders = Files.createDirectories(work.resolve("w2"));
        Path alert = Files.writeString(files.resolve("linked.json"), OperatingTest.webErrors("team-index", ""));
        Path queries = Files.createDirectories(folders.resolve("queries"));
        Files.setPosixFilePermissions(alert, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(queries, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(files, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(folders, PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.createDirectories(config.dir.resolve("alerts.d"));
        Files.createSymbolicLink(config.dir.resolve("alerts.d/linked.json"), alert);
        Files.createSymbolicLink(config.dir.resolve("queries"), queries);

        TestingConfig.Result result = config.run("validate");

        assertEquals(0, result.exit(), result.err());
        List<String> warnings = result.err().lines().filter(l -> l.contains("group or others")).toList();
        assertEquals(List.of(linksInto(config.dir.resolve("alerts.d/linked.json"), files.toRealPath()),
                linksInto(config.dir.resolve("queries"), folders.toRealPath())), warnings, result.err());
    }

    private static String linksInto(Path link, Path folder) {
        return "warning: " + link + " links into " + folder + ", which group or others can write, who could replace"
                + " what the runner reads there: chmod go-w " + folder;
    }

    @Test
    void anAlertsDFileNestedTooDeepIsSaidSoAtItsPlace() throws Exception {
        config.write("alerts.d/arrays.json", "{\"index\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        config.write("alerts.d/objects.json", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));

        TestingConfig.Result result = config.run("validate");

        assertEquals(2, result.exit(), result.err());
        assertTrue(result.err().contains("alerts.d/arrays.json:1:1011: alert \"arrays\": nested deeper than 1000 levels"),
                result.err());
        assertTrue(result.err().contains("alerts.d/objects.json:1:5002: alert \"objects\": nested deeper than 1000 levels"),
                result.err());
        assertFalse(result.err().contains("malformed"), result.err());
    }

    @Test
    void listShowsEveryAlertWithPluginJarThrottleMediaAndIndex() {
        TestingConfig.Result result = config.run("list");

        assertEquals(0, result.exit(), result.err());
        String[] lines = result.out().split("\n");
        assertTrue(lines[0].matches("NAME +PLUGIN +JAR +ACTIVE +THROTTLE +MEDIA +INDEX"), lines[0]);
        assertTrue(result.out().lines().anyMatch(l -> l.matches(
                "privileged_logon +security +\\S+ +yes +30m +slack,email +winlogbeat-runner-test")), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.matches(
                "filesystem_usage +infra +\\S+ +yes +2h +slack,email +metricbeat-runner-test")), result.out());
    }

    @Test
    void aSecondPassOnTheSameConfigExitsThreeAndDoesNothing() throws Exception {
        StateStore store = new FileStateStore(config.dir, Clock.systemUTC());
        try (StateStore.Lock held = store.lock()) {
            TestingConfig.Result result = config.run("run");

            assertEquals(3, result.exit());
            assertTrue(result.err().contains("another pass holds the lock"), result.err());
        }
        assertFalse(Files.exists(config.dir.resolve("throttle_period.json")));
    }

    @Test
    void withoutTheCaCertificateTheTlsFailureIsNamed(ElasticsearchNode node) {
        config.credentials.with("elasticsearch").remove("ca_certificate");
        config.writeCredentials();

        TestingConfig.Result result = config.run("run", "--alert", "filesystem_usage");

        assertEquals(1, result.exit());
        assertTrue(result.err().contains("Elasticsearch at " + node.url() + " failed the TLS handshake"), result.err());
        assertTrue(result.err().contains("check ca_certificate in credentials.json"), result.err());
    }

    @Test
    void usageErrorsExitTwo() {
        TestingConfig.Result result = config.run("run", "--now", "yesterday");

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("--now must be an ISO-8601 instant"), result.err());
        TestingConfig.Result unknown = config.run("frobnicate");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown command \"frobnicate\""), unknown.err());
    }

    @Test
    void seedStyleStateKeepsItsCountdownAndIsRewrittenInTheNewForm() throws Exception {
        config.alerts(Map.of("privileged_logon", Map.of("index", TestingConfig.LOGONS), "filesystem_usage",
                Map.of("index", TestingConfig.METRICS)));
        config.write("throttle_period.json", "{\"privileged_logon\": 30, \"filesystem_usage\": 1}");
        Files.setLastModifiedTime(config.dir.resolve("throttle_period.json"),
                FileTime.from(TestingConfig.NOW.minusSeconds(60)));

        TestingConfig.Result result = config.run("run", "--dry-run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("throttled on slack: privileged_logon"), result.out());
        assertTrue(result.out().contains("would send to slack: [WARNING] filesystem_usage"), result.out());

        TestingConfig.Result real = config.run("run", "--alert", "privileged_logon", "--now", "2026-05-04T10:15:00Z");
        assertEquals(0, real.exit(), real.err());
        String state = config.read("throttle_period.json");
        assertTrue(state.contains("\"format\" : 1"), state);
        assertTrue(state.contains("\"privileged_logon\" : \"2026-05-04T10:43:00Z\""), "29 minutes left: " + state);
    }

    private static final String STATE = "{\"format\": 1, \"checkpoints\": {\"cpu_high\": \"2026-05-04T10:00:00Z\"}}";

    /** Runs {@code validate} and {@code run} on a broken config: exit 2, one line per problem, no trace, state untouched. */
    private String rejected(String expected) {
        config.write("throttle_period.json", STATE);
        for (String command : List.of("validate", "run")) {
            TestingConfig.Result result = config.run(command);
            assertEquals(2, result.exit(), command + ": " + result.out() + result.err());
            assertTrue(result.err().contains(expected), command + ": " + result.err());
            assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
            assertEquals(STATE, config.read("throttle_period.json"), "state unchanged");
        }
        return config.run("validate").err();
    }

    @Test
    void anEmptyCredentialsFileIsRejected() {
        config.write("credentials.json", "");
        rejected("credentials.json: is empty; it must hold a JSON object");
    }

    @Test
    void credentialsThatAreNotAnObjectAreRejected() {
        config.write("credentials.json", "[\"https://es.example.com\"]");
        rejected("credentials.json:1:1: must hold a JSON object");
    }

    @Test
    void aWrongTypedSettingIsRejectedWithItsPlace() {
        config.write("alerts.json", "{\n  \"cpu_high\": {\"active\": \"yes\", \"media\": \"slack\", \"params\": [1]}\n}");
        String err = rejected("alerts.json:2:16: alert \"cpu_high\": \"active\" must be true or false");
        assertTrue(err.contains("alerts.json:2:33: alert \"cpu_high\": \"media\" must be a list"), err);
        assertTrue(err.contains("alerts.json:2:51: alert \"cpu_high\": \"params\" must be an object"), err);
    }

    @Test
    void aBadDurationIsRejectedWithItsPlace() {
        config.write("alerts.json", "{\"host_silent\": {\"query_delay\": \"-5m\", \"max_catchup\": true}}");
        String err = rejected("alerts.json:1:18: alert \"host_silent\": \"query_delay\" must be minutes");
        assertTrue(err.contains("alert \"host_silent\": \"max_catchup\" must be minutes"), err);
    }

    @Test
    void aHugeFileIsRejectedWithoutReadingIt() throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(config.dir.resolve("alerts.json"))) {
            out.write("{\"cpu_high\": {\"params\": {\"x\": \"");
            for (int i = 0; i < 11 * 1024; i++) {
                out.write("x".repeat(1024));
            }
            out.write("\"}}}");
        }
        rejected("alerts.json: is larger than 10 MB, more than a file of this kind ever holds");
    }

    @Test
    void aQueryFileThatIsNotJsonIsRejectedWithItsPlace() {
        config.write("queries/filesystem_usage.json", "{\n  \"query\": {\"match_all\": {}\n}");
        rejected("queries/filesystem_usage.json:3:2: alert \"filesystem_usage\": malformed JSON");
    }
}
