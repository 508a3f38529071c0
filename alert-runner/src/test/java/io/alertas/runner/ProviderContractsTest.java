package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The media follow their providers' documented contracts, against local servers that answer as PagerDuty,
 * Opsgenie and Teams document: an alert without findings is one event; a rate limit is honoured without sending
 * a finding twice; a Teams message fits in 28 KB counted in bytes; a refusal is final; a receiver that asks to
 * wait or never answers holds the pass no longer than its deadline, and what did not fit is delivered later.
 */
@ExtendWith(ElasticsearchExtension.class)
class ProviderContractsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = OperatingTest.T0;
    private static final String KEY = "R0UT1NGKEY";

    private TestingProviders providers;
    private ElasticsearchNode node;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        providers = TestingProviders.start();
    }

    @AfterEach
    void tearDown() {
        providers.close();
    }

    private ObjectNode medium(String type) {
        ObjectNode medium = JSON.createObjectNode().put("type", type);
        return switch (type) {
            case "pagerduty" -> medium.put("routing_key", KEY).put("url", providers.url("/v2/enqueue").toString());
            case "opsgenie" -> medium.put("api_key", KEY).put("url", providers.url("/").toString());
            default -> medium.put("webhook_url", providers.url("/workflows/" + KEY).toString());
        };
    }

    private TestingConfig config(String index, String type) {
        ObjectNode media = JSON.createObjectNode();
        media.set("pager", medium(type));
        return MediaTest.config(dir, node, index, media, "");
    }

    /** Hosts named {@code prefix-0} … each with one error at 10 s. */
    private void seedHosts(String index, String prefix, int hosts) {
        Object[] events = new Object[hosts * 2];
        for (int i = 0; i < hosts; i++) {
            events[2 * i] = prefix + "-" + i;
            events[2 * i + 1] = 10;
        }
        OperatingTest.seed(node, index, events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pagerduty", "opsgenie"})
    void anAlertWithoutFindingsIsOneEventNamedByTheAlert(String type) throws Exception {
        String index = "contract-any-hits-" + type;
        OperatingTest.seed(node, index, "web-1", 10, "web-2", 20);
        TestingConfig config = config(index, type);
        config.write("alerts.d/web_errors.json", """
                {"index": "%s", "severity": "critical", "query_delay": "0s", "media": ["pager"],
                 "query": {"size": 0, "track_total_hits": true,
                           "query": {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}},
                 "condition": {"path": "hits.total.value", "op": "gt", "value": 0},
                 "message": "errors seen"}
                """.formatted(index));

        TestingConfig.Result run = config.run("run", "--now", at(60));

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(1, providers.accepted().size());
        JsonNode event = providers.accepted().get(0);
        assertEquals("web_errors", type.equals("pagerduty") ? event.path("dedup_key").asText() : event.path("alias").asText());
        assertFalse(config.read("throttle_period.json").contains("\"pending\" : [ {"), "nothing is left to send");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "elasticsearch"})
    void aRateLimitedNotificationGoesOnFromWhereItStoppedAndSendsNoFindingTwice(String store) throws Exception {
        String index = "contract-rate-limit-" + store;
        String stateIndex = "alertas-state-contract-rate-limit";
        seedHosts(index, "web", 300);
        TestingConfig config = config(index, "pagerduty");
        if (store.equals("elasticsearch")) {
            node.deleteIndices(stateIndex);
            config.credentials.putObject("state").put("store", store).put("index", stateIndex);
            config.writeCredentials();
        }
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors(index, "")
                .replace("\"media\": [\"slack\"],", "\"media\": [\"pager\"],").replace("\"size\": 50", "\"size\": 500"));
        providers.perMinute(120);

        List<Integer> exits = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        for (int minute = 1; minute <= 3; minute++) {
            providers.nextMinute();
            TestingConfig.Result run = config.run("run", "--now", at(60L * minute));
            exits.add(run.exit());
            sent.add(providers.accepted().size());
            if (minute == 1) {
                assertTrue(run.err().contains("after 120 of 300 findings were accepted"), run.err());
                String kept = store.equals("file") ? config.read("throttle_period.json")
                        : node.request("POST", "/" + stateIndex + "/_search", JSON.readTree(
                                "{\"query\": {\"match\": {\"kind\": \"pending\"}}}")).toString();
                assertTrue(kept.contains("\"accepted\""), "the progress is kept in the state");
            }
        }

        assertEquals(List.of(1, 1, 0), exits);
        assertEquals(List.of(120, 240, 300), sent, "each pass goes on from the first finding not yet accepted");
        Set<String> keys = new HashSet<>();
        providers.accepted().forEach(e -> assertTrue(keys.add(e.path("dedup_key").asText()), "sent twice: " + e));
        assertEquals(300, keys.size());
    }

    @Test
    void aTeamsMessageStaysUnderTwentyEightKilobytesCountedInBytes() throws Exception {
        String index = "contract-teams-size";
        seedHosts(index, "сервер-" + "ж".repeat(400), 25);
        TestingConfig config = config(index, "teams");
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors(index, "")
                .replace("\"media\": [\"slack\"],", "\"media\": [\"pager\"],")
                .replace("\"{{doc_count}} errors\"", "\"{{doc_count}} " + "ошибка ".repeat(140) + "\""));

        TestingConfig.Result run = config.run("run", "--now", at(60));

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(List.of(202), providers.answers());
        JsonNode body = providers.accepted().get(0).at("/attachments/0/content/body");
        int listed = body.at("/2/facts").size();
        assertTrue(listed > 0 && listed < 20, "as many findings as fit: " + listed);
        assertTrue(body.at("/3/text").asText().startsWith((25 - listed) + " more findings; "), body.toString());
        assertTrue(providers.accepted().get(0).toString().getBytes(StandardCharsets.UTF_8).length <= TestingProviders.TEAMS_MAX_BYTES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pagerduty", "opsgenie"})
    void aTitleCutToItsProvidersLimitKeepsItsLastEmojiWhole(String type) throws Exception {
        String index = "contract-emoji-" + type;
        OperatingTest.seed(node, index, "web-1", 10);
        String fire = "\uD83D\uDD25";
        ObjectNode media = JSON.createObjectNode();
        media.set("pager", medium(type));
        TestingConfig config = MediaTest.config(dir, node, index, media,
                "\"templates\": {\"pager\": {\"title\": \"ab" + fire.repeat(600) + "\"}}");

        TestingConfig.Result run = config.run("run", "--now", at(60));

        assertEquals(0, run.exit(), run.out() + run.err());
        JsonNode sent = providers.accepted().get(0);
        String cut = type.equals("pagerduty") ? sent.at("/payload/summary").asText() : sent.path("message").asText();
        assertTrue(cut.startsWith("ab" + fire) && cut.endsWith(fire + "…"), "cut between two emoji: " + cut);
        assertEquals(type.equals("pagerduty") ? 1023 : 129, cut.length(), "within the limit, counted in characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pagerduty", "opsgenie"})
    void aRefusedEventIsDroppedAndSaidNotRetried(String type) throws Exception {
        String index = "contract-refused-" + type;
        OperatingTest.seed(node, index, "web-1", 10);
        TestingConfig config = config(index, type);
        providers.refuse();

        TestingConfig.Result refused = config.run("run", "--now", at(60));
        TestingConfig.Result next = config.run("run", "--now", at(120));

        assertEquals(1, refused.exit(), refused.out() + refused.err());
        String reason = type.equals("pagerduty") ? "PagerDuty answered 400 (Event object is invalid: 'payload.summary' is missing or blank)"
                : "Opsgenie answered 422 (Request body is not processable. Please check the errors.)";
        assertTrue(refused.err().contains("alert \"web_errors\" dropped for pager: " + reason), refused.err());
        assertEquals(List.of(type.equals("pagerduty") ? 400 : 422), providers.answers(), "a refusal is sent once");
        assertEquals(0, next.exit(), next.out() + next.err());
        assertFalse(config.read("throttle_period.json").contains("\"pending\" : [ {"), "nothing is kept to send again");
    }

    @Test
    void aReceiverThatAsksToWaitAnHourIsNotWaitedForAndIsToldAfterTheHour() throws Exception {
        String index = "contract-retry-after";
        OperatingTest.seed(node, index, "web-1", 10);
        try (RecordingHttpServer slack = RecordingHttpServer.start()) {
            ObjectNode media = JSON.createObjectNode();
            media.set("pager", JSON.createObjectNode().put("type", "slack")
                    .put("webhook_url", slack.url("/services/" + KEY).toString()));
            TestingConfig config = MediaTest.config(dir, node, index, media, "");
            slack.respond(429, "rate_limited", Map.of("Retry-After", "3600"));

            long started = System.nanoTime();
            TestingConfig.Result asked = config.run("run", "--now", at(60));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            TestingConfig.Result early = config.run("run", "--now", at(120));
            TestingConfig.Result after = config.run("run", "--now", at(60 + 3600));

            assertEquals(1, asked.exit(), asked.out() + asked.err());
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "the pass did not wait (it waited 30 s twice): " + took);
            assertTrue(asked.err().contains("Slack answered 429 (rate_limited) (kept; retried from " + at(60 + 3600)
                    + ", as the receiver asked)"), asked.err());
            assertEquals(0, early.exit(), early.out() + early.err());
            assertEquals(2, slack.requests().size(), "not told again before the hour is up");
            assertEquals(0, after.exit(), after.out() + after.err());
            assertTrue(slack.requests().get(1).body().contains("web-1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fri, 31 Dec 9999 23:59:59 GMT", "86400", "999999999"})
    void aReceiverThatAsksToWaitPastTheGiveUpIsToldAfterAnHourNotGivenUp(String retryAfter) throws Exception {
        String index = "contract-retry-after-far";
        OperatingTest.seed(node, index, "web-1", 10);
        try (RecordingHttpServer hook = RecordingHttpServer.start()) {
            ObjectNode media = JSON.createObjectNode();
            media.set("pager", JSON.createObjectNode().put("type", "webhook").put("url", hook.url("/hook").toString()));
            TestingConfig config = MediaTest.config(dir, node, index, media, "");
            hook.respond(503, "busy", Map.of("Retry-After", retryAfter));

            TestingConfig.Result asked = config.run("run", "--now", at(60));
            TestingConfig.Result after = config.run("run", "--now", at(60 + 3600));

            assertEquals(1, asked.exit(), asked.out() + asked.err());
            assertTrue(asked.err().contains("(kept; retried from " + at(60 + 3600) + ", as the receiver asked)"), asked.err());
            assertEquals(0, after.exit(), after.out() + after.err());
            assertEquals(2, hook.requests().size(), "told again once the hour is up");
            assertTrue(hook.requests().get(1).body().contains("web-1"));
        }
    }

    @Test
    void aReceiverThatAsksToWaitPastTheGiveUpIsToldByThePassThatWouldGiveItUp() throws Exception {
        String index = "contract-retry-after-give-up";
        OperatingTest.seed(node, index, "web-1", 10);
        try (RecordingHttpServer hook = RecordingHttpServer.start()) {
            ObjectNode media = JSON.createObjectNode();
            media.set("pager", JSON.createObjectNode().put("type", "webhook").put("url", hook.url("/hook").toString()));
            TestingConfig config = MediaTest.config(dir, node, index, media, "");
            hook.respond(503, "busy", Map.of("Retry-After", "3600"));
            hook.respond(503, "busy", Map.of("Retry-After", "3600"));

            TestingConfig.Result first = config.run("run", "--now", at(60));
            TestingConfig.Result late = config.run("run", "--now", at(60 + 86400 - 1800));
            TestingConfig.Result last = config.run("run", "--now", at(60 + 86400));

            assertEquals(1, first.exit(), first.out() + first.err());
            assertEquals(1, late.exit(), late.out() + late.err());
            assertEquals(0, last.exit(), last.out() + last.err());
            assertEquals(3, hook.requests().size(), "told by the last pass before it would be given up");
            assertFalse(last.err().contains("given up"), last.err());
        }
    }

    @Test
    void mediaThatNeverAnswerHoldThePassNoLongerThanItsTimeoutAndAreToldOnTheNextPass() throws Exception {
        String index = "contract-hanging";
        OperatingTest.seed(node, index, "web-1", 10);
        ObjectNode media = JSON.createObjectNode();
        List<String> names = List.of("hook1", "hook2", "hook3", "hook4", "hook5");
        names.forEach(name -> media.putObject(name).put("type", "webhook").put("url", providers.url("/hooks/" + name).toString()));
        TestingConfig config = MediaTest.config(dir, node, index, media, "");
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors(index, "")
                .replace("\"media\": [\"slack\"],", "\"media\": [\"hook1\", \"hook2\", \"hook3\", \"hook4\", \"hook5\"],"));
        ((ObjectNode) config.credentials.get("elasticsearch")).put("pass_timeout", "4s");
        config.writeCredentials();
        providers.hang(true);

        long started = System.nanoTime();
        TestingConfig.Result hung = config.run("run", "--now", at(60));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        providers.hang(false);
        TestingConfig.Result next = config.run("run", "--now", at(120));

        assertEquals(1, hung.exit(), hung.out() + hung.err());
        // pass_timeout, or 5 s for the media when the cluster took it all, and 1 s for an interrupted medium to
        // say how far it got; the rest is this machine's slack (five media each holding 15 s and retried: 240 s)
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "bounded by pass_timeout: " + took);
        names.forEach(name -> assertTrue(hung.err().contains("not delivered to " + name
                + ": webhook delivery was interrupted; the pass's time was up"), "each receiver held at once: " + hung.err()));
        assertEquals(0, next.exit(), next.out() + next.err());
        assertEquals(5, providers.accepted().stream().filter(n -> n.path("alert").asText().equals("web_errors")).count(),
                "every medium is told once on the next pass");
    }

    private static String at(long seconds) {
        return T0.plusSeconds(seconds).toString();
    }
}
