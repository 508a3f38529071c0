package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** validate --connect against the real cluster, a Slack-compatible receiver and an SMTP server: it sends nothing. */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class ValidateConnectTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension(TestingConfig.WEBHOOK_PATH).smtp(SMTP);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT_USERS = "winlogbeat-text-users-test";

    private RecordingHttpServer slack;
    private TestingConfig config;

    @Test
    void aGoodConfigSaysTheClusterEachAlertAndEachMediumAndSendsNothing(ElasticsearchNode node) {
        TestingConfig.Result result = config.run("validate", "--connect");

        assertEquals(0, result.exit(), result.out() + result.err());
        assertTrue(result.out().matches("(?s).*ok +cluster " + node.url() + " +" + node.cluster().displayName()
                + (node.cluster().secured() ? ", credentials accepted" : ", answers without credentials \\(none are configured\\)")
                + ".*"), result.out());
        assertTrue(result.out().matches("(?s).*ok +alert \"privileged_logon\" +1 index matches \"" + TestingConfig.LOGONS
                + "\"; grouped by keyword fields host.name, source.ip, winlog.event_data.TargetUserName.*"), result.out());
        assertTrue(result.out().matches("(?s).*ok +medium \"slack\" +connected to 127.0.0.1:" + slack.url("/").getPort() + ".*"),
                result.out());
        assertTrue(result.out().matches("(?s).*ok +medium \"email\" +SMTP 127.0.0.1:" + SMTP.getSmtp().getPort() + " answered.*"),
                result.out());
        assertTrue(result.out().contains("connect: 0 problems, 0 warnings; nothing was sent"), result.out());
        assertEquals(0, slack.requests().size());
        assertEquals(0, SMTP.getReceivedMessages().length);
        assertFalse(result.out().contains(TestingConfig.WEBHOOK_PATH), result.out());
    }

    @Test
    void aTextFieldAMissingIndexAndAnUnreachableMediumAreEachNamed(ElasticsearchNode node) throws Exception {
        node.deleteIndices(TEXT_USERS);
        node.createIndex(TEXT_USERS, JSON.readTree("""
                {"properties": {"@timestamp": {"type": "date"}, "event": {"properties": {"code": {"type": "keyword"}}},
                 "winlog": {"properties": {"event_data": {"properties": {"TargetUserName": {"type": "text"}}}}}}}
                """));
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        config.credentials.with("slack").put("webhook_url", "http://127.0.0.1:" + closed + TestingConfig.WEBHOOK_PATH);
        config.writeCredentials();
        config.alerts(Map.of("privileged_logon", Map.of("index", TEXT_USERS),
                "filesystem_usage", Map.of("index", "metricbeat-nothing-here-*")));
        config.write("alerts.d/logon_burst.json", """
                {"type": "frequency", "index": "winlogbeat-nothing-here-*", "filter": {"term": {"event.code": "4624"}},
                 "threshold": 2}
                """);

        TestingConfig.Result result = config.run("validate", "--connect");

        assertEquals(1, result.exit(), result.out() + result.err());
        assertTrue(result.out().matches("(?s).*problem +alert \"privileged_logon\" +field \"winlog.event_data.TargetUserName\""
                + " is mapped as text in \"" + TEXT_USERS + "\", but the alert groups by it.*"), result.out());
        assertTrue(result.out().matches("(?s).*problem +alert \"filesystem_usage\" +index pattern \"metricbeat-nothing-here-\\*\""
                + " matches no index; set \"index\" in alerts.json,.*"), result.out());
        assertTrue(result.out().matches("(?s).*problem +alert \"logon_burst\" +index pattern \"winlogbeat-nothing-here-\\*\""
                + " matches no index; set \"index\" in alerts.d/logon_burst.json,.*"), result.out());
        assertTrue(result.out().matches("(?s).*problem +medium \"slack\" +127.0.0.1:" + closed + " cannot be reached: ConnectException.*"),
                result.out());
        assertTrue(result.err().contains("connect: 4 problems, 0 warnings; passes would fail where a problem is named"),
                result.err());
        assertFalse((result.out() + result.err()).contains(TestingConfig.WEBHOOK_PATH));
    }

    @Test
    void aWrongPasswordIsAProblemOfTheClusterAndNoSecretIsShown(ElasticsearchNode node) {
        assumeTrue(node.cluster().secured(), "the OpenSearch integ-test zip has no security plugin to refuse a password");
        String secret = "Wr0ng-Connect-pa55";
        config.credentials.with("elasticsearch").put("password", "${ES_PASSWORD}");
        config.writeCredentials();

        TestingConfig.Result result = config.run(Map.of("ES_PASSWORD", secret), "validate", "--connect");

        assertEquals(1, result.exit());
        assertTrue(result.out().matches("(?s).*problem +cluster " + node.url() + " +Elasticsearch at " + node.url()
                + " answered 401 Unauthorized.*"), result.out());
        assertFalse((result.out() + result.err()).contains(secret));
    }
}
