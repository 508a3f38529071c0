package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The failure paths run with distinctive secrets, in every credentials field, from the environment with
 * stray whitespace and written into the file in shapes the parser trips on: none of them may show up on
 * stdout, stderr, in alerts.log (which holds every exception message and stack trace) or in the state.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class SecretsTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts", "the-real-smtp-password"));

    private static final String ES_PASSWORD = "Es-Pa55-7f3c9e";
    private static final String API_KEY = "QXBpS2V5LTlkMmUtc2VjcmV0";
    private static final String WEBHOOK_TOKEN = "slack-token-4b1a77";
    private static final String SMTP_PASSWORD = "Smtp-Pa55-c0de42";
    private static final String UNQUOTED = "Zq9unquoted4c1d";
    private static final String SLACK_IN_ENV = "slack-env-token-93ab";
    private static final String BARE = "Sup3rS3cretBare";
    private static final String ZERO_WIDTH = "ZWSECRET-4711";
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "ES_PASSWORD", ES_PASSWORD, "ES_API_KEY", API_KEY, "SMTP_PASSWORD", SMTP_PASSWORD,
            "ES_API_KEY_NEWLINE", " " + API_KEY + "\n", "ES_API_KEY_BROKEN", API_KEY + "\nX-Injected: 1",
            "SLACK_WEBHOOK", "\thttp://127.0.0.1:9/services/T0/B0/" + SLACK_IN_ENV + "\r\n",
            "HOOK_AUTH", "Bearer " + ZERO_WIDTH + "\u200b");
    private static final List<String> SECRETS = List.of(ES_PASSWORD, API_KEY, SMTP_PASSWORD, WEBHOOK_TOKEN, UNQUOTED,
            SLACK_IN_ENV, BARE, ZERO_WIDTH);

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/services/T0/B0/" + WEBHOOK_TOKEN).smtp(SMTP);

    private RecordingHttpServer slack;
    private TestingConfig config;
    private final List<String> printed = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ObjectNode smtp = config.credentials.with("email").with("smtp");
        smtp.put("username", "alerts").put("password", "${SMTP_PASSWORD}");
        config.alerts(Map.of("privileged_logon", Map.of("index", TestingConfig.LOGONS)));
    }

    @AfterEach
    void noSecretAnywhere() throws Exception {
        slack.close();
        for (String written : List.of("alerts.log", "throttle_period.json")) {
            Path file = config.dir.resolve(written);
            if (Files.exists(file)) {
                printed.add(Files.readString(file));
            }
        }
        for (String text : printed) {
            for (String secret : SECRETS) {
                assertFalse(text.contains(secret), "a secret was printed or written: " + text);
            }
        }
    }

    private TestingConfig.Result run(String... args) {
        TestingConfig.Result result = config.run(ENVIRONMENT, args);
        printed.add(result.out());
        printed.add(result.err());
        return result;
    }

    @Test
    void aWrongClusterPassword() {
        config.credentials.with("elasticsearch").put("password", "${ES_PASSWORD}");
        config.writeCredentials();

        TestingConfig.Result refused = run("run");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("401 Unauthorized"), refused.err());
        assertEquals(1, run("test", "privileged_logon").exit());
        assertEquals(0, run("validate").exit());
        assertEquals(0, run("list").exit());
    }

    @Test
    void anApiKeyForAClusterThatIsDown() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ObjectNode es = config.credentials.with("elasticsearch");
        es.remove("username");
        es.remove("password");
        es.put("api_key", "${ES_API_KEY}").put("url", "https://localhost:" + closed);
        config.writeCredentials();

        assertEquals(1, run("run").exit());
        assertEquals(1, run("test", "privileged_logon").exit());
    }

    @Test
    void slackAndSmtpRefusingDelivery() {
        for (int i = 0; i < 3; i++) {
            slack.respond(500, "internal_error");
        }
        config.credentials.with("email").with("smtp").put("password", "wrong-but-not-the-secret");
        config.writeCredentials();

        TestingConfig.Result failed = run("run", "--now", "2026-05-04T10:15:00Z");
        assertEquals(1, failed.exit());
        assertTrue(failed.err().contains("Slack answered 500") && failed.err().contains("refused the login of \"alerts\""),
                failed.err());

        slack.respond(404, "no_service");
        config.credentials.with("email").with("smtp").put("password", "${SMTP_PASSWORD}");
        config.writeCredentials();
        assertEquals(1, run("run", "--now", "2026-05-04T10:16:00Z").exit());
    }

    @Test
    void configurationErrorsNextToSecrets() {
        config.credentials.with("elasticsearch").put("password", "${ES_PASSWORD}").put("timeout", ES_PASSWORD);
        config.credentials.with("slack").put("webhook_url", "not a url " + WEBHOOK_TOKEN);
        config.credentials.with("email").with("smtp").put("port", SMTP_PASSWORD);
        config.writeCredentials();

        TestingConfig.Result invalid = run("validate");
        assertEquals(2, invalid.exit());
        assertTrue(invalid.err().contains("\"webhook_url\" must be") && invalid.err().contains("\"smtp.port\" must be"), invalid.err());
        assertEquals(2, run("run", "--dry-run").exit());
    }

    @Test
    void anApiKeyFromTheEnvironmentWithStrayWhitespaceIsUsedWithoutIt() {
        RecordingHttpServer cluster = RecordingHttpServer.start();
        try (cluster) {
            cluster.respond(401, "{\"error\": {\"type\": \"security_exception\", \"reason\": \"unable to authenticate\"}}");
            ObjectNode es = config.credentials.with("elasticsearch");
            es.removeAll();
            es.put("url", cluster.url("").toString()).put("api_key", "${ES_API_KEY_NEWLINE}").put("allow_http_credentials", true);
            config.writeCredentials();

            TestingConfig.Result result = run("run");

            assertEquals(1, result.exit());
            assertTrue(result.err().contains("answered 401"), result.err());
            assertEquals("ApiKey " + API_KEY, cluster.requests().get(0).header("Authorization"),
                    "the key, without the whitespace around it, went in the header");
        }
    }

    @Test
    void anApiKeyThatCannotGoInAHeaderIsAConfigurationErrorThatDoesNotQuoteIt() {
        ObjectNode es = config.credentials.with("elasticsearch");
        es.remove("username");
        es.remove("password");
        es.put("api_key", "${ES_API_KEY_BROKEN}");
        config.writeCredentials();

        TestingConfig.Result result = run("run");

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("\"api_key\": the API key holds a space, a line break or another character"),
                result.err());
        assertEquals(2, run("test", "privileged_logon").exit());
    }

    @Test
    void aSecretWrittenWithoutQuotesIsPlacedButNeverQuoted() {
        config.write("credentials.json", "{\"elasticsearch\": {\"url\": \"https://es:9200\", \"username\": \"a\",\n"
                + "  \"password\": " + UNQUOTED + "}}");

        TestingConfig.Result result = run("validate");

        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("credentials.json:2:"), result.err());
        assertEquals(2, run("run").exit());
        assertEquals(2, run("list").exit());
    }

    @Test
    void aPasswordInTheClusterUrlIsRefusedWithoutQuotingIt() {
        config.credentials.with("elasticsearch").put("url", "https://alerter:" + ES_PASSWORD + "@localhost:9200");
        config.writeCredentials();

        TestingConfig.Result result = run("validate");

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("\"url\" holds a user name or password; give them as \"username\" and"
                + " \"password\""), result.err());
    }

    @Test
    void aWebhookUrlFromTheEnvironmentIsNeverShownWhateverFails() {
        config.credentials.with("slack").put("webhook_url", "${SLACK_WEBHOOK}");
        config.writeCredentials();

        TestingConfig.Result result = run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(1, result.exit(), "port 9 refuses: Slack cannot be reached");
        assertTrue(result.err().contains("not delivered to slack: Slack could not be reached"), result.err());
        assertEquals(0, run("run", "--dry-run", "--now", "2026-05-04T10:16:00Z").exit());
        assertEquals(1, run("run", "--now", "2026-05-04T10:17:00Z").exit(), "kept and tried again");
    }

    @Test
    void aBareSecretInAnAlertsDOrQueriesFileIsPlacedButNeverQuoted() throws Exception {
        config.write("alerts.d/leak.json", BARE + "\n");
        config.write("elsewhere/password.txt", "\n  " + BARE);
        Files.createDirectories(config.dir.resolve("queries"));
        Files.createSymbolicLink(config.dir.resolve("queries/privileged_logon.json"), config.dir.resolve("elsewhere/password.txt"));

        TestingConfig.Result result = run("validate");

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("alerts.d/leak.json:1:16: alert \"leak\": malformed JSON")
                && result.err().contains("queries/privileged_logon.json:2:18: alert \"privileged_logon\": malformed JSON"),
                result.err());
        assertTrue(result.err().contains("malformed JSON (not quoted here, as it may be a secret)"), result.err());
        assertEquals(2, run("run").exit());
    }

    @Test
    void aByteOrderMarkBeforeAConfigFileIsReadAsTheFileItIs() {
        config.write("credentials.json", "\uFEFF" + config.credentials.toPrettyString());
        config.write("alerts.json", "\uFEFF" + config.read("alerts.json"));

        TestingConfig.Result result = run("validate");

        assertEquals(0, result.exit(), result.err());
        assertEquals(0, run("run", "--dry-run", "--now", "2026-05-04T10:15:00Z").exit());
    }

    @Test
    void aWebhookHeaderWithACharacterNoHeaderCarriesIsOnePlacedProblemThatDoesNotQuoteIt() {
        RecordingHttpServer hook = RecordingHttpServer.start();
        try (hook) {
            config.credentials.putObject("webhook").put("url", hook.url("/hook").toString())
                    .putObject("headers").put("Authorization", "${HOOK_AUTH}");
            config.writeCredentials();

            for (String command : List.of("validate", "run")) {
                TestingConfig.Result result = run(command);
                assertEquals(2, result.exit(), result.err());
                assertTrue(result.err().startsWith("credentials.json:"), result.err());
                assertTrue(result.err().lines().anyMatch(l -> l.matches("credentials\\.json:\\d+:\\d+: webhook: \"headers\\.Authorization\""
                        + " holds a character an HTTP header cannot carry, U\\+200B \\(an invisible format character\\) at"
                        + " character 21 of the value; type the value again without it; 1 active alert uses it")), result.err());
                assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
            }
            assertEquals(0, hook.requests().size(), "nothing was sent");
        }
    }
}
