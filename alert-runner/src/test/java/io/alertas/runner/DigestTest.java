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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A digest of ten minutes through real passes against a real Elasticsearch and a Slack-compatible receiver, with
 * the state in a file and in the cluster: it
 * is sent at the period's end, kept and sent again when the receiver fails, and the keys it told stay throttled
 * into the next period, where their firings are held back rather than gathered.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class DigestTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook").withoutDemoFixtures();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = OperatingTest.T0;

    private RecordingHttpServer slack;
    private TestingConfig config;

    @ParameterizedTest
    @ValueSource(strings = {"file", "elasticsearch"})
    void aDigestIsSentAtThePeriodsEndRetriedWhenItFailsAndItsKeysStayThrottled(String store, ElasticsearchNode node)
            throws Exception {
        OperatingTest.seed(node, "digest-web", "web-1", 30, "web-1", 90, "web-2", 150, "web-1", 630, "web-3", 690);
        node.deleteIndices("alertas-state-digest");
        config.credentials.putObject("state").put("store", store).put("index", "alertas-state-digest");
        config.writeCredentials();
        config.alerts(Map.of());
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors("digest-web", "\"digest\": \"10m\""));

        for (int minute = 0; minute <= 3; minute++) {
            assertEquals(0, run(minute).exit());
        }
        assertEquals(0, slack.requests().size(), "gathered, not sent");
        for (int i = 0; i < 3; i++) {
            slack.respond(500, "server_error");
        }
        TestingConfig.Result failed = run(10);
        assertEquals(1, failed.exit(), failed.out());
        assertEquals(3, slack.requests().size(), "three attempts");

        TestingConfig.Result retried = run(11);
        assertEquals(0, retried.exit(), retried.err());
        assertEquals(4, slack.requests().size());
        assertEquals("[CRITICAL] web_errors (2 findings): digest of 10m from 2026-06-01T10:00:00Z to 2026-06-01T10:10:00Z:"
                + " 3 firings of 2 keys: web-1, web-2", text(3));
        assertTrue(retried.out().contains("1 throttled"), "web-1 fired again, within the throttle the digest started: "
                + retried.out());

        assertEquals(0, run(12).exit());
        assertEquals(0, run(20).exit());
        assertEquals(5, slack.requests().size());
        assertEquals("[CRITICAL] web_errors (1 finding): digest of 10m from 2026-06-01T10:10:00Z to 2026-06-01T10:20:00Z:"
                + " 1 firing of 1 key: web-3", text(4));
        assertFalse(slack.requests().get(4).body().contains("web-1"));
        TestingConfig.Result status = config.run("status");
        assertTrue(status.out().contains("web_errors: web-1 on slack until 2026-06-01T11:11:00Z (1 held back)"), status.out());
    }

    @Test
    void aFiringHeldBackWholeByTheThrottleStartsNoDigestAndNothingIsSentEmpty(ElasticsearchNode node) throws Exception {
        OperatingTest.seed(node, "digest-throttled", "web-1", 30, "web-1", 630);
        config.alerts(Map.of());
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors("digest-throttled", "\"digest\": \"10m\""));

        for (int minute : new int[] {0, 1, 10, 11, 20, 30}) {
            TestingConfig.Result pass = run(minute);
            assertEquals(0, pass.exit(), pass.out() + pass.err());
        }

        assertEquals(1, slack.requests().size(), "the digest of 10:00 only, none of 10:10 where web-1 was throttled");
        assertTrue(text(0).contains("1 firing of 1 key"), text(0));
    }

    @Test
    void aQueuedDigestIsSentAfterTheDigestOfALaterPeriodThrottledItsKeys(ElasticsearchNode node) throws Exception {
        OperatingTest.seed(node, "digest-queued", "web-1", 30, "web-1", 630);
        config.alerts(Map.of());
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors("digest-queued", "\"digest\": \"10m\""));
        assertEquals(0, run(0).exit());
        assertEquals(0, run(1).exit());
        slack.respond(429, "rate_limited", Map.of("Retry-After", "900"));
        assertEquals(1, run(10).exit(), "the 10:00 digest waits until 10:25, as the receiver asked");

        for (int minute : new int[] {11, 20, 25}) {
            TestingConfig.Result pass = run(minute);
            assertEquals(0, pass.exit(), pass.out() + pass.err());
        }

        assertEquals(3, slack.requests().size());
        assertTrue(text(1).contains("from 2026-06-01T10:10:00Z to 2026-06-01T10:20:00Z"), text(1));
        assertTrue(text(2).contains("from 2026-06-01T10:00:00Z to 2026-06-01T10:10:00Z: 1 firing of 1 key"),
                "the older period's digest, not dropped as throttled: " + text(2));
    }

    @Test
    void aDigestWhoseKeyWasToldOnItsMediumInTheLastMinuteIsKeptAndSentByALaterPass(ElasticsearchNode node) throws Exception {
        digestWithTheStateInTheCluster(node, "digest-claim", "alertas-state-claim", "web-1", 30);
        assertEquals(0, run(0).exit());
        assertEquals(0, run(1).exit());
        // web-1 told on slack at 10:09:30 (as a flapping notice is), recorded where the runners claim deliveries
        node.request("PUT", "/alertas-state-claim/_doc/" + stateId("throttle", "web_errors", "slack", "web-1") + "?refresh=true",
                JSON.createObjectNode().put("kind", "throttle").put("alert", "web_errors").put("medium", "slack")
                        .put("key", "web-1").put("delivered_at", T0.plusSeconds(570).toString()).put("suppressed", 0));

        TestingConfig.Result held = run(10);
        assertEquals(0, held.exit(), held.out() + held.err());
        assertEquals(0, slack.requests().size(), "web-1's claim is held until 10:10:30");
        TestingConfig.Result later = run(11);

        assertEquals(0, later.exit(), later.out() + later.err());
        assertEquals(1, slack.requests().size(), "kept at 10:10, while web-1's claim was held, and sent at 10:11");
        assertTrue(text(0).contains("from 2026-06-01T10:00:00Z to 2026-06-01T10:10:00Z: 1 firing of 1 key"), text(0));
    }

    @Test
    void aGatheringThatCannotBeInASharedStateIndexIsForgottenWithAWarningAndThePassGoesOn(ElasticsearchNode node)
            throws Exception {
        digestWithTheStateInTheCluster(node, "digest-bad", "alertas-state-bad", "web-1", 30, "web-2", 630);
        assertEquals(0, run(0).exit());
        assertEquals(0, run(1).exit());
        // a document of the shared state index whose period starts after it ends
        ObjectNode value = JSON.createObjectNode();
        value.putObject("slack").put("start", T0.plusSeconds(600).toString()).put("end", T0.toString()).put("uncounted", 0)
                .putObject("keys");
        node.request("PUT", "/alertas-state-bad/_doc/" + stateId("kept", "digest", "web_errors") + "?refresh=true",
                JSON.createObjectNode().put("kind", "kept").put("part", "digest").put("alert", "web_errors").set("value", value));

        TestingConfig.Result bad = run(10);
        assertEquals(0, run(11).exit());
        assertEquals(0, run(20).exit());

        assertTrue((bad.out() + bad.err()).contains("the digest of alert \"web_errors\" on slack could not be read from the state"
                + " and was forgotten"), bad.out() + bad.err());
        assertFalse((bad.out() + bad.err()).contains("Exception"), bad.err());
        assertEquals(1, slack.requests().size(), "the next period's digest, as ever");
        assertTrue(text(0).contains("1 firing of 1 key: web-2"), text(0));
    }

    /** web_errors over {@code index}, seeded with {@code events}, with a digest of 10m; its state in {@code stateIndex}. */
    private void digestWithTheStateInTheCluster(ElasticsearchNode node, String index, String stateIndex, Object... events) {
        OperatingTest.seed(node, index, events);
        node.deleteIndices(stateIndex);
        config.credentials.putObject("state").put("store", "elasticsearch").put("index", stateIndex);
        config.writeCredentials();
        config.alerts(Map.of());
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors(index, "\"digest\": \"10m\""));
    }

    /** The id the Elasticsearch state store gives the document of {@code kind} about {@code parts}. */
    private static String stateId(String kind, String... parts) throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
        return kind + "-" + HexFormat.of().formatHex(sha).substring(0, 40);
    }

    private TestingConfig.Result run(int minute) {
        return config.run("run", "--now", T0.plusSeconds(60L * minute).toString());
    }

    private String text(int request) throws Exception {
        return JSON.readTree(slack.requests().get(request).body()).path("text").asText();
    }
}
