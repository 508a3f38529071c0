package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole passes of the runner against a real Elasticsearch, a Slack-compatible receiver and an SMTP server. */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class PassTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension(TestingConfig.WEBHOOK_PATH).smtp(SMTP);

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingHttpServer slack;
    private TestingConfig config;

    private List<JsonNode> slackMessages() throws Exception {
        List<JsonNode> messages = new java.util.ArrayList<>();
        for (RecordingHttpServer.Request request : slack.requests()) {
            assertEquals(TestingConfig.WEBHOOK_PATH, request.path());
            messages.add(JSON.readTree(request.body()));
        }
        return messages;
    }

    private static String texts(List<JsonNode> messages) {
        return messages.stream().map(JsonNode::toString).reduce("", String::concat);
    }

    @Test
    void aPassDeliversToSlackAndEmailAndTheNextIsThrottledUntilThePeriodEnds() throws Exception {
        TestingConfig.Result first = config.run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("2 alerts run, 2 fired, 0 failed; notifications (one per alert and medium): 4 delivered"), first.out());
        List<JsonNode> messages = slackMessages();
        assertEquals(2, messages.size());
        assertTrue(texts(messages).contains("Privileged accounts logged on: Administrator, jesus.pacheco"));
        assertTrue(texts(messages).contains("web-01:/"));
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertEquals(2, mails.length);
        List<String> subjects = List.of(mails[0].getSubject(), mails[1].getSubject());
        assertTrue(subjects.contains("[Alertas] [CRITICAL] privileged_logon (2 findings)"), subjects.toString());
        assertTrue(GreenMailUtil.getBody(mails[0]).contains("dc01.corp.local") || GreenMailUtil.getBody(mails[1]).contains("dc01.corp.local"));

        // a minute later Administrator logs on again: within the 30 minute throttle, nothing is sent
        TestingConfig.Result second = config.run("run", "--now", "2026-05-04T10:16:00Z");

        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("1 fired, 0 failed; notifications (one per alert and medium): 0 delivered, 2 throttled"), second.out());
        assertEquals(2, slack.requests().size());
        assertEquals(2, SMTP.getReceivedMessages().length);

        // after the throttle period the next logon is delivered, saying what was held back
        TestingConfig.Result third = config.run("run", "--now", "2026-05-04T10:46:00Z");

        assertEquals(0, third.exit(), third.err());
        assertEquals(3, slack.requests().size());
        String late = slackMessages().get(2).toString();
        assertTrue(late.contains("Privileged accounts logged on: Administrator") && late.contains("dc02.corp.local"), late);
        assertTrue(late.contains("fired 1 more time while throttled"), late);
        assertEquals(3, SMTP.getReceivedMessages().length);
    }

    @Test
    void aSlackFailureIsNotThrottledAndIsDeliveredOnTheNextPass() throws Exception {
        config.alerts(Map.of("privileged_logon", Map.of("index", TestingConfig.LOGONS),
                "filesystem_usage", Map.of("active", false)));
        for (int i = 0; i < 3; i++) {
            slack.respond(500, "internal_error");
        }

        TestingConfig.Result failed = config.run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(1, failed.exit(), failed.out());
        assertTrue(failed.err().contains("alert \"privileged_logon\" not delivered to slack: Slack answered 500"), failed.err());
        assertEquals(3, slack.requests().size(), "three attempts in the pass");
        assertEquals(1, SMTP.getReceivedMessages().length, "email is delivered all the same");

        TestingConfig.Result retried = config.run("run", "--now", "2026-05-04T10:16:00Z");

        assertEquals(0, retried.exit(), retried.err());
        assertEquals(4, slack.requests().size());
        String kept = slackMessages().get(3).toString();
        assertTrue(kept.contains("Privileged accounts logged on: Administrator") && kept.contains("2 logons on dc01"),
                "the kept notification is sent: " + kept);
        assertEquals(1, SMTP.getReceivedMessages().length, "email, delivered before, stays throttled");
    }

    @Test
    void aFailingQueryLeavesTheOtherAlertsDelivering(ElasticsearchNode node) throws Exception {
        config.write("queries/privileged_logon.json",
                "{\"query\": {\"range\": {\"@timestamp\": {\"gte\": \"not-a-date\"}}}}");

        TestingConfig.Result result = config.run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(1, result.exit(), result.out());
        assertTrue(result.err().contains("alert \"privileged_logon\" failed: Elasticsearch at " + node.url()
                + " answered 400 Bad Request"), result.err());
        assertTrue(result.out().contains("2 alerts run, 1 fired, 1 failed; notifications (one per alert and medium): 2 delivered, 0 throttled"), result.out());
        assertTrue(texts(slackMessages()).contains("web-01:/"));
    }

    @Test
    void aWrongPasswordNamesTheClusterAndTheStatusAndNoSecret(ElasticsearchNode node) throws Exception {
        assumeTrue(node.cluster().secured(), "the OpenSearch integ-test zip has no security plugin to refuse a password");
        String secret = "Wr0ng-S3cret-pa55word";
        config.credentials.with("elasticsearch").put("password", "${ALERTAS_TEST_PASSWORD}");
        config.writeCredentials();

        TestingConfig.Result result = config.run(Map.of("ALERTAS_TEST_PASSWORD", secret), "run");

        assertEquals(1, result.exit());
        assertTrue(result.err().contains("Elasticsearch at " + node.url() + " answered 401 Unauthorized"), result.err());
        String log = config.read("alerts.log");
        assertTrue(log.contains("401 Unauthorized"), log);
        for (String printed : List.of(result.out(), result.err(), log)) {
            assertFalse(printed.contains(secret), printed);
            assertFalse(printed.contains("webhook-secret-path"), printed);
        }
        assertTrue(slack.requests().isEmpty());
    }

    @Test
    void aDryRunPrintsWhatWouldBeSentAndSendsNothing() throws Exception {
        TestingConfig.Result result = config.run("run", "--dry-run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("would send to slack: [CRITICAL] privileged_logon (2 findings)"), result.out());
        assertTrue(result.out().contains("  - Administrator: 2 logons on dc01.corp.local from 10.0.4.21"), result.out());
        assertTrue(slack.requests().isEmpty());
        assertEquals(0, SMTP.getReceivedMessages().length);
        assertFalse(Files.exists(config.dir.resolve("throttle_period.json")));
    }

    @Test
    void onlyTheNamedAlertsRun() throws Exception {
        TestingConfig.Result result = config.run("run", "--alert", "filesystem_usage", "--now", "2026-05-04T10:15:00Z");

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("1 alert run"), result.out());
        assertFalse(texts(slackMessages()).contains("privileged_logon"));

        TestingConfig.Result unknown = config.run("run", "--alert", "nope");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no alert is named \"nope\"; known alerts: account_locked_out, audit_log_cleared,"),
                unknown.err());
    }

    @Test
    void testCommandShowsRequestResponseAndEvaluationAndChangesNothing() throws Exception {
        TestingConfig.Result result = config.run("test", "privileged_logon", "--now", "2026-05-04T10:15:00Z");

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("window:     2026-05-04T10:13:00Z to 2026-05-04T10:14:00Z"), result.out());
        assertTrue(result.out().contains("\"gte\" : \"2026-05-04T10:13:00Z\""), result.out());
        assertTrue(result.out().contains("response:   took"), result.out());
        assertTrue(result.out().contains("evaluation: fires: Privileged accounts logged on: Administrator, jesus.pacheco"),
                result.out());
        assertTrue(slack.requests().isEmpty());
        assertFalse(Files.exists(config.dir.resolve("throttle_period.json")));
    }

    private static final String CPU = """
            {"@timestamp":"{{now-90s}}","metricset":{"name":"cpu","period":10000},"event":{"module":"system","dataset":"system.cpu"},"host":{"name":"node-%02d"},"system":{"cpu":{"cores":4,"total":{"norm":{"pct":0.99}}}}}
            """;
    private static final String FAILED_LOGON = """
            {"@timestamp":"{{now-%ds}}","event":{"code":"4625","action":"logon-failed","outcome":"failure","category":["authentication"],"module":"security"},"winlog":{"channel":"Security","event_id":"4625","logon":{"type":"Network"},"event_data":{"TargetUserName":"%s","TargetDomainName":"CORP","LogonType":"3"}},"user":{"name":"%s","domain":"CORP"},"host":{"name":"dc01.corp.local"},"source":{"ip":"10.0.4.60","port":51000}}
            """;

    @Test
    void aBurstAcrossFiftyHostsIsOneNotificationPerMedium(ElasticsearchNode node) throws Exception {
        StringBuilder docs = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            docs.append(CPU.formatted(i));
        }
        node.createIndex("metricbeat-burst-test", Fixtures.json(PassTest.class, "/demo/metricbeat-mapping.json"));
        node.index("metricbeat-burst-test", Fixtures.parse(docs.toString(), TestingConfig.NOW, "cpu burst"));
        config.alerts(Map.of("privileged_logon", Map.of("active", false), "filesystem_usage", Map.of("active", false),
                "cpu_high", Map.of("index", "metricbeat-burst-test")));
        config.credentials.with("elasticsearch").put("kibana_url", "https://kibana.example.com");
        config.writeCredentials();

        TestingConfig.Result result = config.run("run", "--alert", "cpu_high", "--now", "2026-05-04T10:15:00Z");

        assertEquals(0, result.exit(), result.err());
        List<JsonNode> messages = slackMessages();
        assertEquals(1, messages.size());
        String message = messages.get(0).toString();
        assertTrue(message.contains("[WARNING] cpu_high (50 findings)"), message);
        assertTrue(message.contains("node-01") && message.contains("and 30 more findings"), message);
        assertFalse(message.contains("*node-50*"), "Slack lists 20 findings");
        assertTrue(message.contains("https://kibana.example.com/app/discover"), "and links to all of them: " + message);
        assertEquals(1, SMTP.getReceivedMessages().length);
        String mail = GreenMailUtil.getBody(SMTP.getReceivedMessages()[0]);
        for (int i = 1; i <= 50; i++) {
            assertTrue(mail.contains("node-%02d".formatted(i)), "the email lists every finding: node-%02d".formatted(i));
        }
        String log = config.read("alerts.log");
        assertTrue(log.contains("alert \"cpu_high\" finding node-50: average CPU"), "so does the log");
    }

    @Test
    void userBIsAlertedWhileUserAIsThrottled(ElasticsearchNode node) throws Exception {
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            docs.append(FAILED_LOGON.formatted(110 - i, "alice", "alice"));  // first window
            docs.append(FAILED_LOGON.formatted(50 - i, "alice", "alice"));   // second window
            docs.append(FAILED_LOGON.formatted(45 - i, "bob", "bob"));       // second window
        }
        node.createIndex("winlogbeat-burst-test", Fixtures.json(PassTest.class, "/demo/winlogbeat-mapping.json"));
        node.index("winlogbeat-burst-test", Fixtures.parse(docs.toString(), TestingConfig.NOW, "failed logons"));
        config.alerts(Map.of("failed_logon_burst", Map.of("index", "winlogbeat-burst-test", "media", List.of("slack"))));

        TestingConfig.Result first = config.run("run", "--alert", "failed_logon_burst", "--now", "2026-05-04T10:15:00Z");
        TestingConfig.Result second = config.run("run", "--alert", "failed_logon_burst", "--now", "2026-05-04T10:16:00Z");

        assertEquals(0, first.exit(), first.err());
        assertEquals(0, second.exit(), second.err());
        List<JsonNode> messages = slackMessages();
        assertEquals(2, messages.size());
        assertTrue(messages.get(0).toString().contains("*alice*"), messages.get(0).toString());
        String later = messages.get(1).toString();
        assertTrue(later.contains("*bob*") && !later.contains("alice"), "the notification names bob alone: " + later);
        assertTrue(later.contains("[WARNING] failed_logon_burst (1 finding)"), later);
        assertTrue(later.contains("Failed-logon burst: bob"), later);
    }
}
