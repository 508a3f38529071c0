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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sigma rules as alerts, end to end: sigma.json and rule files of the test's own, Winlogbeat-shaped events in a real
 * Elasticsearch, notifications to a recording Slack receiver.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class SigmaRunnerTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook").withoutDemoFixtures();

    static final String INDEX = "winlogbeat-sigma-runner-test";
    static final Instant NOW = TestingConfig.NOW;
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String WHOAMI = """
            title: Whoami All Enumeration
            id: 7b1e8a3c-1d2e-4f50-9a61-0c2b3d4e5f60
            status: test
            description: Someone lists their rights and groups.
            author: Test Author (Alertas)
            references:
                - https://example.com/whoami
            tags:
                - attack.discovery
                - attack.t1033
            falsepositives:
                - Admins checking their own rights
            level: high
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                    CommandLine|contains: '/all'
                condition: selection
            """;
    static final String NET_USER = """
            title: Net User Add
            id: 0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d
            status: experimental
            author: Another Author
            level: medium
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|endswith: '\\net.exe'
                    CommandLine|contains|all: ['user', '/add']
                condition: selection
            """;
    static final String UNSUPPORTED = """
            title: Uses A Modifier Nobody Knows
            id: 5e5e5e5e-0000-4000-8000-000000000001
            status: test
            author: Nobody
            level: low
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|sounds_like: 'cmd'
                condition: selection
            """;

    private RecordingHttpServer slack;
    private TestingConfig config;

    @BeforeAll
    static void events() {
        ElasticsearchNode node = ElasticsearchNode.shared();
        node.deleteIndices(INDEX);
        node.createIndex(INDEX, mapping());
        List<ObjectNode> events = new ArrayList<>();
        events.add(process(NOW.minusSeconds(90), "ws01.corp.local", "alice", "C:\\Windows\\System32\\WHOAMI.EXE",
                "whoami /ALL"));
        events.add(process(NOW.minusSeconds(80), "ws02.corp.local", "bob", "C:\\Windows\\System32\\net.exe",
                "net user eve P@ss /add"));
        events.add(process(NOW.minusSeconds(70), "ws03.corp.local", "carol", "C:\\Windows\\System32\\whoami.exe",
                "whoami"));
        node.index(INDEX, events);
    }

    static ObjectNode mapping() {
        ObjectNode mapping = JSON.createObjectNode();
        mapping.putArray("dynamic_templates").addObject().putObject("strings").put("match_mapping_type", "string")
                .putObject("mapping").put("type", "keyword");
        mapping.putObject("properties").putObject("@timestamp").put("type", "date");
        return mapping;
    }

    static ObjectNode process(Instant at, String host, String user, String image, String commandLine) {
        ObjectNode event = JSON.createObjectNode().put("@timestamp", at.toString());
        event.putObject("event").put("code", "1").put("module", "sysmon");
        event.putObject("winlog").put("channel", "Microsoft-Windows-Sysmon/Operational").put("event_id", "1")
                .put("computer_name", host);
        event.putObject("host").put("name", host);
        event.putObject("user").put("name", user).put("domain", "CORP");
        event.putObject("process").put("executable", image).put("command_line", commandLine)
                .put("name", image.substring(image.lastIndexOf('\\') + 1));
        return event;
    }

    @BeforeEach
    void rules() {
        config.credentials.remove("email");
        config.writeCredentials();
        config.alerts(Map.of());
        config.write("rules/proc_creation_whoami_all.yml", WHOAMI);
        config.write("rules/nested/proc_creation_net_user_add.yml", NET_USER);
        config.write("rules/proc_creation_unsupported.yml", UNSUPPORTED);
        config.write("rules/proc_creation_braces.yml", NET_USER.replace("0a9b8c7d", "0b0b0b0b")
                .replace("['user', '/add']", "['{{{0}}', '{{window.start}}']"));
        config.write("sigma.json", "{\"rules\": [\"rules\"], \"select\": {\"product\": \"windows\"}}");
    }

    @Test
    void aMatchingRuleSendsTitleAuthorTagsHostUserAndCommandLine() {
        TestingConfig.Result run = config.run("run", "--now", NOW.toString(), "--alert", "sigma.proc_creation_whoami_all");

        assertEquals(0, run.exit(), run.err());
        assertEquals(1, slack.requests().size());
        String body = slack.requests().get(0).body();
        for (String part : List.of("Whoami All Enumeration", "by Test Author (Alertas)", "attack.discovery, attack.t1033",
                "https://example.com/whoami", "Admins checking their own rights", "ws01.corp.local", "user alice",
                "command line whoami /ALL", "[CRITICAL] sigma.proc_creation_whoami_all")) {
            assertTrue(body.contains(part), part + " in " + body);
        }
        assertFalse(body.contains("carol"), "whoami without /all is no match: " + body);
    }

    @Test
    void listShowsTheSigmaAlertsByNameWithTheirFileAndValidatePrintsTheSummary() {
        TestingConfig.Result list = config.run("list");
        TestingConfig.Result validate = config.run("validate");

        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.matches(
                "sigma.proc_creation_whoami_all +sigma +sigma.json +yes +.*winlogbeat-\\*.*")), list.out());
        assertTrue(list.out().contains("sigma.proc_creation_net_user_add "), list.out());
        assertTrue(list.out().contains("sigma.proc_creation_braces "), "a value with braces is no placeholder: " + list.out());
        assertEquals(0, validate.exit(), validate.err());
        assertTrue(validate.err().contains("warning: sigma: 3 rules loaded, 1 skipped (1 unsupported modifier)"),
                validate.err());
        assertTrue(validate.err().contains("warning: sigma: rules/proc_creation_unsupported.yml: skipped: unsupported"
                + " modifier: "), validate.err());
        assertTrue(validate.out().contains("OK: "), validate.out());
    }

    @Test
    void testRunsOneSigmaAlertsSearchAndEvaluatorAndSendsNothing() {
        TestingConfig.Result test = config.run("test", "sigma.proc_creation_whoami_all", "--now", NOW.toString());

        assertEquals(0, test.exit(), test.err());
        assertTrue(test.out().contains("\"Microsoft-Windows-Sysmon/Operational\"")
                && test.out().contains("- ws01.corp.local: 1 event"), "the log source's search, the rule's finding: "
                + test.out());
        assertEquals(0, slack.requests().size());
    }

    @Test
    void alertsJsonSwitchesOneSigmaAlertOffByName() {
        config.alerts(Map.of("sigma.proc_creation_whoami_all", Map.of("active", false)));

        TestingConfig.Result run = config.run("run", "--now", NOW.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals(1, slack.requests().size(), "only net user add fires");
        assertTrue(slack.requests().get(0).body().contains("Net User Add"), slack.requests().get(0).body());
    }

    @Test
    void sigmaJsonOverridesSetMediaSeverityAndActive() {
        config.write("sigma.json", """
                {"rules": ["rules"], "overrides": {
                   "7b1e8a3c-1d2e-4f50-9a61-0c2b3d4e5f60": {"severity": "info", "media": ["slack"]},
                   "sigma.proc_creation_net_user_add": {"active": false}}}
                """);

        TestingConfig.Result run = config.run("run", "--now", NOW.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals(1, slack.requests().size());
        assertTrue(slack.requests().get(0).body().contains("[INFO] sigma.proc_creation_whoami_all"),
                slack.requests().get(0).body());
    }
}
