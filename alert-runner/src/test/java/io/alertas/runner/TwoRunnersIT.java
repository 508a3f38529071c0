package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runner processes on two "hosts" (two config directories, one state index in the cluster), started
 * at the same instant every round: each notification is delivered exactly once.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class TwoRunnersIT {

    private static final Path JAR = Path.of(System.getProperty("alertas.runner.jar", "target/alert-runner.jar"));
    private static final int ROUNDS = 20;
    private static final String INDEX = "winlogbeat-two-runners-test";
    private static final String STATE = "alertas-state-two-runners-test";
    private static final String MEMBER_ADDED = """
            {"@timestamp":"{{now%+ds}}","event":{"code":"4728","action":"added-member-to-group","module":"security"},"winlog":{"channel":"Security","event_id":"4728","event_data":{"TargetUserName":"Domain Admins","MemberName":"CN=%s,OU=Staff,DC=corp,DC=local"}},"group":{"name":"Domain Admins"},"user":{"name":"admin","target":{"name":"%s"}},"host":{"name":"dc01.corp.local"}}
            """;

    @Test
    void twoRunnersStartedTogetherDeliverEachNotificationOnce(ElasticsearchNode node, @TempDir Path hostA,
            @TempDir Path hostB, RecordingHttpServer slack) throws Exception {
        StringBuilder events = new StringBuilder();
        for (int round = 0; round < ROUNDS; round++) {
            for (String who : List.of("a", "b")) {
                String member = "user-%02d-%s".formatted(round, who);
                events.append(MEMBER_ADDED.formatted(round * 60 - 90, member, member));
            }
        }
        node.createIndex(INDEX, Fixtures.json(TwoRunnersIT.class, "/demo/winlogbeat-mapping.json"));
        node.index(INDEX, Fixtures.parse(events.toString(), TestingConfig.NOW, "member added"));

        List<TestingConfig> hosts = new ArrayList<>();
        for (Path dir : List.of(hostA, hostB)) {
            TestingConfig config = new TestingConfig(dir, node, slack.url("/hook"), 25);
            config.credentials.putObject("state").put("store", "elasticsearch").put("index", STATE);
            config.writeCredentials();
            config.alerts(Map.of("privileged_group_member_added",
                    Map.of("index", INDEX, "media", List.of("slack"), "throttle_period", "1d")));
            hosts.add(config);
        }
        int[] sent = new int[2];
        for (int round = 0; round < ROUNDS; round++) {
            Instant now = TestingConfig.NOW.plusSeconds(60L * round);
            Process a = runner(hostA, now);
            Process b = runner(hostB, now);
            sent[0] += delivered(a, "host A, round " + round);
            sent[1] += delivered(b, "host B, round " + round);
        }
        System.out.printf("two runners: host A sent %d notifications, host B %d, in %d rounds%n", sent[0], sent[1], ROUNDS);

        List<String> bodies = slack.requests().stream().map(RecordingHttpServer.Request::body).toList();
        for (int round = 0; round < ROUNDS; round++) {
            for (String who : List.of("a", "b")) {
                String key = "*Domain Admins:user-%02d-%s*".formatted(round, who);
                long deliveries = bodies.stream().filter(b -> b.contains(key)).count();
                assertEquals(1, deliveries, key + " was delivered " + deliveries + " times");
            }
        }
        assertEquals(2L * ROUNDS, count(node, "throttle"), "one throttle record per key");

        // a month later the throttle records have expired and are pruned
        delivered(runner(hostA, TestingConfig.NOW.plus(Duration.ofDays(31))), "a month later");
        assertEquals(0, count(node, "throttle"), "old throttle records are pruned");
        assertTrue(count(node, "checkpoint") <= 17, "one checkpoint per alert at most");
    }

    /** How many notifications a pass delivered, from its summary line. */
    private static int delivered(Process runner, String which) throws Exception {
        String output = new String(runner.getInputStream().readAllBytes());
        assertEquals(0, runner.waitFor(), which + ": " + output);
        Matcher m = Pattern.compile("(\\d+) delivered").matcher(output);
        assertTrue(m.find(), which + ": " + output);
        return Integer.parseInt(m.group(1));
    }

    private static long count(ElasticsearchNode node, String kind) throws Exception {
        node.request("POST", "/" + STATE + "/_refresh", null);
        JsonNode answer = node.request("POST", "/" + STATE + "/_count",
                new ObjectMapper().readTree("{\"query\": {\"term\": {\"kind\": \"" + kind + "\"}}}"));
        return answer.path("count").asLong();
    }

    private static Process runner(Path dir, Instant now) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "run", "--config", dir.toString(), "--now", now.toString())
                .redirectErrorStream(true).start();
    }
}
