package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Things break on purpose: the cluster goes away, shards fail, Slack rate-limits, the state file rots. */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class FaultsTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook").withoutDemoFixtures();

    private static final String OUTAGE = "winlogbeat-outage-test";
    private static final String MEMBER_ADDED = """
            {"@timestamp":"{{now%s}}","event":{"code":"4728","action":"added-member-to-group","category":["iam"],"module":"security"},"winlog":{"channel":"Security","event_id":"4728","event_data":{"TargetUserName":"Domain Admins","MemberName":"CN=%s,OU=Staff,DC=corp,DC=local","SubjectUserName":"admin"}},"group":{"name":"Domain Admins"},"user":{"name":"admin","target":{"name":"%s"}},"host":{"name":"dc01.corp.local"}}
            """;
    private static boolean indexed;

    private RecordingHttpServer slack;
    private TestingConfig config;

    @BeforeEach
    void setUp(ElasticsearchNode node) {
        synchronized (FaultsTest.class) {
            if (!indexed) {
                String docs = MEMBER_ADDED.formatted("-90s", "alice", "alice") + MEMBER_ADDED.formatted("+10m", "bob", "bob")
                        + MEMBER_ADDED.formatted("+50m", "carol", "carol") + MEMBER_ADDED.formatted("+100m", "dave", "dave");
                node.createIndex(OUTAGE, Fixtures.json(FaultsTest.class, "/demo/winlogbeat-mapping.json"));
                node.index(OUTAGE, Fixtures.parse(docs, TestingConfig.NOW, "member added"));
                indexed = true;
            }
        }
        config.alerts(Map.of("privileged_group_member_added", Map.of("index", OUTAGE, "media", List.of("slack"))));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void afterATwoHourOutageThePassDeliversWhatHappenedExactlyOnce(ElasticsearchNode node) throws Exception {
        assertEquals(0, config.run("run", "--now", "2026-05-04T10:15:00Z").exit());

        String url = node.url().toString();
        config.credentials.with("elasticsearch").put("url", "https://localhost:" + closedPort());
        config.writeCredentials();
        for (String during : List.of("2026-05-04T10:45:00Z", "2026-05-04T11:15:00Z", "2026-05-04T12:15:00Z")) {
            TestingConfig.Result down = config.run("run", "--now", during);
            assertEquals(1, down.exit());
            assertTrue(down.err().contains("refused the connection"), down.err());
        }
        config.credentials.with("elasticsearch").put("url", url);
        config.writeCredentials();
        TestingConfig.Result back = config.run("run", "--now", "2026-05-04T12:16:00Z");
        TestingConfig.Result after = config.run("run", "--now", "2026-05-04T12:17:00Z");

        assertEquals(0, back.exit(), back.err());
        assertEquals(0, after.exit(), after.err());
        List<String> bodies = slack.requests().stream().map(RecordingHttpServer.Request::body).toList();
        assertEquals(2, bodies.size(), bodies.toString());
        assertTrue(bodies.get(0).contains("Domain Admins:alice"), bodies.get(0));
        for (String member : List.of("bob", "carol", "dave")) {
            assertTrue(bodies.get(1).contains("Domain Admins:" + member), bodies.get(1));
        }
        assertFalse(bodies.get(1).contains("alice"), bodies.get(1));
    }

    @Test
    void partialShardFailuresAreSaidAndTheResultsStillEvaluated(ElasticsearchNode node) throws Exception {
        ObjectMapper json = new ObjectMapper();
        node.createIndex("shards-numeric-test", json.readTree("{\"properties\": {\"count\": {\"type\": \"long\"}}}"));
        node.createIndex("shards-text-test", json.readTree("{\"properties\": {\"count\": {\"type\": \"keyword\"}}}"));
        node.index("shards-text-test", List.of(json.createObjectNode().put("count", "abc")));
        config.write("queries/privileged_group_member_added.json",
                "{\"query\": {\"term\": {\"count\": \"abc\"}}, \"_source\": [\"count\"]}");
        config.alerts(Map.of("privileged_group_member_added", Map.of("index", "shards-*-test", "media", List.of("slack"))));

        TestingConfig.Result result = config.run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().contains("warning: alert \"privileged_group_member_added\": 1 of 2 shards failed ("),
                result.err());
        assertTrue(result.out().contains("1 fired, 0 failed; notifications (one per alert and medium): 1 delivered") && result.out().contains("1 warning"), result.out());
        assertTrue(config.read("alerts.log").contains("1 of 2 shards failed"));
    }

    @Test
    void slackAskingToSlowDownIsHonouredAndTheNotificationDelivered() throws Exception {
        slack.respond(429, "rate_limited", Map.of("Retry-After", "1"));

        TestingConfig.Result result = config.run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(0, result.exit(), result.err());
        assertEquals(2, slack.requests().size());
        assertTrue(result.out().contains("1 delivered"), result.out());
    }

    @Test
    void aCorruptStateFileIsKeptAsideAndSaidLoudly() throws Exception {
        config.write("throttle_period.json", "{\"format\": 1, \"throttles\": {\"privileged_group_member_added\"");

        TestingConfig.Result result = config.run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(1, result.exit(), "the forgotten throttles are a failure of the pass: " + result.err());
        assertTrue(result.out().contains("1 delivered"), result.out());
        assertTrue(result.err().contains("throttle_period.json could not be read"), result.err());
        assertTrue(result.err().contains("started with empty state"), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace on stderr");
        try (Stream<Path> files = Files.list(config.dir)) {
            Path aside = files.filter(f -> f.getFileName().toString().startsWith("throttle_period.json.corrupt-"))
                    .findFirst().orElseThrow();
            assertEquals("{\"format\": 1, \"throttles\": {\"privileged_group_member_added\"", Files.readString(aside));
        }
        assertTrue(config.read("throttle_period.json").contains("\"format\" : 1"));
    }
}
