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
        events.add(logon(NOW.minusSeconds(120), "eve", "4624", "dc01.corp.local"));
        events.add(logon(NOW.minusSeconds(235), "bob", "4624", "dc01.corp.local"));
        events.add(logon(NOW.minusSeconds(90), "mallory", "4625", "dc02.corp.local"));
        events.add(logon(NOW.minusSeconds(80), "trent", "4625", "dc02.corp.local"));
        node.index(INDEX, events);
    }

    private static ObjectNode failedLogon(Instant at, String user) {
        return logon(at, user, "4625", "dc01.corp.local");
    }

    private static ObjectNode logon(Instant at, String user, String code, String host) {
        ObjectNode event = JSON.createObjectNode().put("@timestamp", at.toString());
        event.putObject("event").put("code", code);
        ObjectNode winlog = event.putObject("winlog").put("channel", "Security").put("event_id", code)
                .put("computer_name", host);
        winlog.putObject("event_data").put("TargetUserName", user).put("LogonType", "3");
        event.putObject("host").put("name", host);
        event.putObject("user").put("name", user);
        return event;
    }

    /** A Security channel rule on one event ID, which correlations refer to by {@code name}. */
    private static String logonRule(String title, String id, String name, int eventId) {
        return """
                title: %s
                id: %s
                name: %s
                status: test
                author: Rule Author
                level: low
                logsource:
                    product: windows
                    service: security
                detection:
                    selection:
                        EventID: %d
                    condition: selection
                """.formatted(title, id, name, eventId);
    }

    private void write(boolean generate) {
        config.credentials.remove("email");
        config.writeCredentials();
        config.alerts(Map.of());
        config.write("rules/win_security_failed_logon.yml", logonRule("Failed Logon",
                "3f1c2a4b-5d6e-4f70-8a91-b2c3d4e5f601", "failed_logon", 4625));
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
    void temporalOrderedFiresWhereTheRulesMatchedInOrderAndValueCountWhereEnoughValuesWereSeen() {
        write(false);
        config.write("rules/win_security_logon.yml", logonRule("Successful Logon",
                "4d0a2c83-c62c-4ed4-b475-c7e23a9269b8", "successful_logon", 4624));
        config.write("rules/correlations.yml", """
                title: Failed Then Successful Logon
                id: b180ead8-d58f-40b2-ae54-c8940995b9b6
                status: test
                author: Correlation Author
                level: high
                correlation:
                    type: temporal_ordered
                    rules:
                        - failed_logon
                        - successful_logon
                    group-by:
                        - TargetUserName
                    timespan: 10m
                ---
                title: Failed Logons Of Many Users On One Host
                id: 0e95725d-7320-415d-80f7-004da920fc12
                status: test
                author: Correlation Author
                level: medium
                correlation:
                    type: value_count
                    rules:
                        - failed_logon
                    group-by:
                        - Computer
                    timespan: 1h
                    condition:
                        field: TargetUserName
                        gte: 2
                    generate: true
                """);

        TestingConfig.Result ordered = config.run("run", "--dry-run", "--now", NOW.toString(), "--alert", "sigma.correlations");
        TestingConfig.Result count = config.run("run", "--dry-run", "--now", NOW.toString(), "--alert", "sigma.correlations.2");

        assertEquals(0, ordered.exit(), ordered.err());
        assertTrue(ordered.out().contains("Failed Then Successful Logon") && ordered.out().contains("eve"), ordered.out());
        assertFalse(ordered.out().contains("bob"), "bob logged on before failing: " + ordered.out());
        assertEquals(0, count.exit(), count.err());
        assertTrue(count.out().contains("dc02.corp.local") && !count.out().contains("dc01.corp.local"), count.out());
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
