package io.alertas.runner;

import static io.alertas.runner.TestingConfig.runMain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.runner.TestingConfig.Result;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the commands say of a credentials.json whose "${NAME}" variables are unset: a medium checked as far as it
 * can be without its secret and named as not fully checked by validate, an unset cluster URL named by its
 * variable, once; and, with ALERTAS_LOG=stderr, each problem once on stderr without a stack trace. No cluster is
 * started: the one URL reached refuses at once.
 */
class UnreadSettingsTest {

    private static final String EMAIL = """
            "email": { "from": "alerts@example.com", "to": ["oncall@example.com"],
                       "smtp": { "host": "smtp.example.com", "port": PORT, "security": "SECURITY", "username": "alerts",
                                 "password": "${SMTP_PASSWORD}" } }""";

    @TempDir
    Path dir;

    @BeforeEach
    void init() throws Exception {
        assertEquals(0, runMain(Map.of(), "init", dir.toString()).exit());
    }

    private void credentials(String elasticsearch, String media) throws Exception {
        Files.writeString(dir.resolve("credentials.json"), "{\n  \"elasticsearch\": " + elasticsearch + ",\n" + media
                + ",\n  \"slack\": { \"webhook_url\": \"${SLACK_WEBHOOK_URL}\" }\n}\n");
    }

    @Test
    void validateChecksAMediumWithoutItsSecretAndNeverSaysABareOkOverIt() throws Exception {
        String es = "{ \"url\": \"https://es.example.com:9200\", \"username\": \"alertas\", \"password\": \"${ES_PASSWORD}\" }";
        credentials(es, EMAIL.replace("PORT", "99999").replace("SECURITY", "bogus"));
        Result bad = runMain(Map.of(), "validate", "--config", dir.toString());
        assertEquals(2, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().contains(": email: \"smtp."), "a wrong setting beside the unset secret: " + bad.err());
        assertEquals("", bad.out());

        credentials(es, EMAIL.replace("PORT", "587").replace("SECURITY", "starttls"));
        Result unchecked = runMain(Map.of(), "validate", "--config", dir.toString());
        assertEquals(0, unchecked.exit(), unchecked.err());
        assertEquals("""
                warning: medium "email" not fully checked: SMTP_PASSWORD is not set (set it, or source alertas.env, and validate again)
                warning: medium "slack" not fully checked: SLACK_WEBHOOK_URL is not set (set it, or source alertas.env, and validate again)
                """, unchecked.err());
        assertTrue(unchecked.out().endsWith("media: email, slack; 2 media not fully checked\n"), unchecked.out());

        Result empty = runMain(Map.of("SMTP_PASSWORD", "s3cret", "SLACK_WEBHOOK_URL", ""), "validate", "--config",
                dir.toString());
        assertEquals(0, empty.exit(), empty.err());
        assertEquals("warning: medium \"slack\" not fully checked: SLACK_WEBHOOK_URL is empty (set it, or source"
                + " alertas.env, and validate again)\n", empty.err());
        assertTrue(empty.out().endsWith("media: email, slack; 1 medium not fully checked\n"), empty.out());

        Result list = runMain(Map.of(), "list", "--config", dir.toString());
        assertEquals(0, list.exit(), list.err());
        assertEquals("", list.err(), "list checks no medium, and says nothing of them");
    }

    @Test
    void anUnsetClusterUrlIsNamedByItsVariableOnceByEveryCommand() throws Exception {
        credentials("{ \"url\": \"${ES_URL}\" }", EMAIL.replace("PORT", "587").replace("SECURITY", "starttls"));
        String line = Files.readAllLines(dir.resolve("credentials.json")).get(1);
        String expected = "credentials.json:2:" + (line.indexOf("\"url\"") + 1) + ": \"url\": environment variable"
                + " ES_URL is not set; export it before running, or write the value here\n1 problem in " + dir
                + "; nothing was run\n";
        for (String[] command : new String[][] {{"list"}, {"validate"}, {"status"}, {"silence", "--list"}, {"run"}}) {
            String[] args = new String[command.length + 2];
            System.arraycopy(command, 0, args, 0, command.length);
            args[command.length] = "--config";
            args[command.length + 1] = dir.toString();
            Map<String, String> secrets = Map.of("SMTP_PASSWORD", "s3cret", "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/x");
            Result result = runMain(secrets, args);
            assertEquals(2, result.exit(), String.join(" ", command) + ": " + result.err());
            assertEquals(expected, result.err(), String.join(" ", command));
        }
    }

    @Test
    void withTheLogOnStderrEachProblemIsSaidOnceAndNoStackTrace() throws Exception {
        Files.writeString(dir.resolve("alerts.json"), Files.readString(dir.resolve("alerts.json"))
                .replace("\"cpu_high\": { \"active\": false }", "\"cpu_high\": { \"active\": true }"));
        credentials("{ \"url\": \"https://127.0.0.1:1\", \"username\": \"alertas\", \"password\": \"${ES_PASSWORD}\" }",
                EMAIL.replace("PORT", "587").replace("SECURITY", "bogus"));
        Map<String, String> environment = Map.of("ALERTAS_LOG", "stderr", "ES_PASSWORD", "x", "SMTP_PASSWORD", "s3cret",
                "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/x");
        String problem = "email: \"smtp.security\" must be";
        String stderr = stderr(environment, "list");
        assertEquals(1, count(stderr, problem), stderr);

        credentials("{ \"url\": \"https://127.0.0.1:1\", \"username\": \"alertas\", \"password\": \"${ES_PASSWORD}\" }",
                EMAIL.replace("PORT", "587").replace("SECURITY", "starttls"));
        stderr = stderr(environment, "run");
        assertEquals(1, count(stderr, "alert \"cpu_high\" failed: "), stderr);
        assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);
        assertFalse(Files.exists(dir.resolve(Logging.FILE)));
    }

    /** All that {@code args} print on stderr: the runner's lines and its log's. */
    private String stderr(Map<String, String> environment, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Result result;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--config";
            all[args.length + 1] = dir.toString();
            result = runMain(environment, all);
        } finally {
            System.setErr(original);
        }
        return result.err() + log.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
