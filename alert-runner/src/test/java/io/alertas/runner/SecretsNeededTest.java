package io.alertas.runner;

import static io.alertas.runner.TestingConfig.runMain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.runner.TestingConfig.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator commands that send nothing on a config dir as init writes it, two alerts switched on, without
 * the variables of alertas.env: they run; those that send refuse, naming each variable once. No cluster is
 * reached: every command here stops before one would be.
 */
class SecretsNeededTest {

    @TempDir
    Path dir;

    @BeforeEach
    void init() throws Exception {
        assertEquals(0, runMain(Map.of(), "init", dir.toString()).exit());
        Path alerts = dir.resolve("alerts.json");
        Files.writeString(alerts, Files.readString(alerts)
                .replace("\"cpu_high\": { \"active\": false }", "\"cpu_high\": { \"active\": true }")
                .replace("\"filesystem_usage\": { \"active\": false }", "\"filesystem_usage\": { \"active\": true }"));
    }

    @Test
    void commandsThatSendNothingRunWithoutTheSecrets() {
        String config = dir.toString();
        Result list = runMain(Map.of(), "list", "--config", config);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("cpu_high ") && l.contains(" yes ") && l.contains(" slack ")),
                list.out());
        assertEquals("", list.err());

        Result validate = runMain(Map.of(), "validate", "--config", config);
        assertEquals(0, validate.exit(), validate.err());
        assertTrue(validate.out().contains("(2 active)") && validate.out().contains("media: slack"), validate.out());

        Result silence = runMain(Map.of(), "silence", "cpu_high", "--for", "1h", "--config", config);
        assertEquals(0, silence.exit(), silence.err());
        assertTrue(silence.out().matches("(?s)silenced alert \"cpu_high\" \\(every key\\) until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ;"
                + " id .*"), "to the second: " + silence.out());
        String id = silence.out().replaceAll("(?s).*; id (\\S+) .*", "$1");

        Result status = runMain(Map.of(), "status", "--config", config);
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains(id + "  cpu_high  every key  until "), status.out());

        Result unsilence = runMain(Map.of("ES_PASSWORD", ""), "unsilence", id, "--config", config);
        assertEquals(0, unsilence.exit(), unsilence.err());
    }

    @Test
    void commandsThatSendNameEachUnsetOrEmptyVariableOnce() {
        String config = dir.toString();
        for (String[] command : new String[][] {{"run"}, {"test", "cpu_high"}, {"validate", "--connect"}}) {
            String[] args = new String[command.length + 2];
            System.arraycopy(command, 0, args, 0, command.length);
            args[command.length] = "--config";
            args[command.length + 1] = config;

            Result unset = runMain(Map.of(), args);
            assertEquals(2, unset.exit(), unset.err());
            assertEquals("""
                    credentials.json:10:5: "password": environment variable ES_PASSWORD is not set; export it before running, or write the value here
                    credentials.json:17:14: "webhook_url": environment variable SLACK_WEBHOOK_URL is not set; export it before running, or write the value here
                    2 problems in %s; nothing was run
                    """.formatted(config), unset.err());

            Result empty = runMain(Map.of("ES_PASSWORD", "", "SLACK_WEBHOOK_URL", " \n"), args);
            assertEquals("""
                    credentials.json:10:5: "password": environment variable ES_PASSWORD is empty; give it the value (alertas.env holds it for cron and systemd)
                    credentials.json:17:14: "webhook_url": environment variable SLACK_WEBHOOK_URL is empty; give it the value (alertas.env holds it for cron and systemd)
                    2 problems in %s; nothing was run
                    """.formatted(config), empty.err());
        }
    }

    @Test
    void theClusterSecretIsNeededWhereTheClusterIsAskedAndNoMore() throws Exception {
        String config = dir.toString();
        Result backtest = runMain(Map.of(), "backtest", "--from", "2026-01-01T00:00:00Z", "--config", config);
        assertEquals(2, backtest.exit());
        assertEquals("credentials.json:10:5: \"password\": environment variable ES_PASSWORD is not set; export it before"
                + " running, or write the value here\n1 problem in " + config + "; nothing was run\n", backtest.err());

        Path credentials = dir.resolve("credentials.json");
        Files.writeString(credentials, Files.readString(credentials).replace("\"slack\":",
                "\"state\": {\"store\": \"elasticsearch\"}, \"slack\":"));
        Result status = runMain(Map.of(), "status", "--config", config);
        assertEquals(2, status.exit());
        assertTrue(status.err().startsWith("credentials.json:10:5: \"password\": environment variable ES_PASSWORD is not set"),
                status.err());
        assertFalse(status.err().contains("SLACK_WEBHOOK_URL"), status.err());
        assertEquals(0, runMain(Map.of(), "list", "--config", config).exit());
    }

    @Test
    void aHostileVariableIsRefusedUnquotedOrKeptSecret() throws Exception {
        String config = dir.toString();
        Path credentials = dir.resolve("credentials.json");
        String written = Files.readString(credentials);
        String hugeName = "A".repeat(1 << 20);
        Files.writeString(credentials, written.replace("${SLACK_WEBHOOK_URL}", "${" + hugeName + "}")
                .replace("${ES_PASSWORD}", "${ES\\u202ePASS\\u0007}"));
        Result refused = runMain(Map.of(), "list", "--config", config);
        assertEquals(2, refused.exit());
        assertEquals("""
                credentials.json:10:5: "password": "${...}" names no environment variable: a name is at most 255 letters, digits and '_', not starting with a digit
                credentials.json:17:14: "webhook_url": "${...}" names no environment variable: a name is at most 255 letters, digits and '_', not starting with a digit
                2 problems in %s; nothing was run
                """.formatted(config), refused.err());

        Files.writeString(credentials, written);
        Map<String, String> hostile = new HashMap<>();
        String password = "p\u202e\u0007\u001b[31m" + "x".repeat(128 * 1024);
        hostile.put("ES_PASSWORD", password);
        hostile.put("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T\u202e/B\u0000/" + "y".repeat(128 * 1024));
        Result validate = runMain(hostile, "validate", "--config", config);
        String said = validate.out() + validate.err() + readLog();
        assertFalse(said.contains("xxxxxxxx") || said.contains("yyyyyyyy") || said.contains("\u202e"), said.length() > 2000
                ? said.substring(0, 2000) : said);
        assertEquals(2, validate.exit(), validate.err());
        assertTrue(validate.err().startsWith("credentials.json:17:14: slack: \"webhook_url\" must be"), validate.err());
    }

    private String readLog() throws Exception {
        Path log = dir.resolve(Logging.FILE);
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
