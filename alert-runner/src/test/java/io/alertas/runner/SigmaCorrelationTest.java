package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Sigma event_count correlation (failed logons by user over 5 minutes) across passes against a real Elasticsearch. */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class SigmaCorrelationTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook").withoutDemoFixtures();

    static final String INDEX = "winlogbeat-sigma-correlation-test";
    static final Instant NOW = TestingConfig.NOW;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingHttpServer slack;
    private TestingConfig config;

    @BeforeAll
    static void events() {
        ElasticsearchNode node = ElasticsearchNode.shared();
        node.deleteIndices(INDEX);
        node.createIndex(INDEX, SigmaRunnerTest.mapping());
        List<ObjectNode> events = new ArrayList<>();
        for (int seconds : new int[] {240, 200, 150}) {
            events.add(failedLogon(NOW.minusSeconds(seconds), "eve"));
        }
        for (int seconds : new int[] {230, 100}) {
            events.add(failedLogon(NOW.minusSeconds(seconds), "bob"));
        }
        node.index(INDEX, events);
    }

    private static ObjectNode failedLogon(Instant at, String user) {
        ObjectNode event = JSON.createObjectNode().put("@timestamp", at.toString());
        event.putObject("event").put("code", "4625").put("action", "logon-failed").put("outcome", "failure");
        ObjectNode winlog = event.putObject("winlog").put("channel", "Security").put("event_id", "4625")
                .put("computer_name", "dc01.corp.local");
        winlog.putObject("event_data").put("TargetUserName", user).put("LogonType", "3");
        event.putObject("host").put("name", "dc01.corp.local");
        event.putObject("user").put("name", user);
        return event;
    }

    private void write(boolean generate) {
        config.credentials.remove("email");
        config.writeCredentials();
        config.alerts(Map.of());
        config.write("rules/win_security_failed_logon.yml", """
                title: Failed Logon
                id: 3f1c2a4b-5d6e-4f70-8a91-b2c3d4e5f601
                name: failed_logon
                status: test
                author: Rule Author
                level: low
                logsource:
                    product: windows
                    service: security
                detection:
                    selection:
                        EventID: 4625
                    condition: selection
                """);
        config.write("rules/win_security_failed_logon_burst.yml", """
                title: Failed Logon Burst
                id: 8e7d6c5b-4a39-4281-9f0e-d1c2b3a4f5e6
                status: test
                author: Correlation Author
                level: high
                tags:
                    - attack.credential-access
                    - attack.t1110
                correlation:
                    type: event_count
                    rules:
                        - failed_logon
                    group-by:
                        - TargetUserName
                    timespan: 5m
                    condition:
                        gte: 3
                """ + (generate ? "    generate: true\n" : ""));
        config.write("sigma.json", "{\"rules\": \"rules\"}");
    }

    @Test
    void anEventCountByUserFiresOncePerGroupAcrossTwoPasses() {
        write(false);

        TestingConfig.Result first = config.run("run", "--now", NOW.toString());
        TestingConfig.Result second = config.run("run", "--now", NOW.plusSeconds(60).toString());

        assertEquals(0, first.exit(), first.err());
        assertEquals(0, second.exit(), second.err());
        assertEquals(1, slack.requests().size(), "eve once, bob (2 failures) never");
        String body = slack.requests().get(0).body();
        assertTrue(body.contains("Failed Logon Burst") && body.contains("by Correlation Author") && body.contains("eve"),
                body);
        assertFalse(body.contains("bob"), body);
    }

    @Test
    void theReferencedRuleIsNoAlertOfItsOwnUnlessTheCorrelationSaysGenerate() {
        write(false);
        TestingConfig.Result hidden = config.run("list");
        write(true);
        TestingConfig.Result generated = config.run("list");

        assertTrue(hidden.out().contains("sigma.win_security_failed_logon_burst "), hidden.out());
        assertFalse(hidden.out().contains("sigma.win_security_failed_logon "), hidden.out());
        assertTrue(generated.out().contains("sigma.win_security_failed_logon "), generated.out());
    }
}
