package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code backtest} against a real Elasticsearch: it replays what live passes sent, sends nothing and keeps no state. */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class BacktestTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook").withoutDemoFixtures();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = OperatingTest.T0;
    private static final Duration STEP = Duration.ofMinutes(15);

    private RecordingHttpServer slack;
    private TestingConfig config;

    @BeforeEach
    void setUp(ElasticsearchNode node) {
        config.alerts(Map.of());
        config.clock(T0.plus(Duration.ofDays(2)));
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors("op-backtest", "\"resolve_after\": 3"));
        // a day of seeded bursts: in about one window in three, one to three hosts log one to three errors
        Random random = new Random(20261127);
        List<Object> events = new ArrayList<>();
        for (int window = 0; window < 96; window++) {
            if (random.nextInt(3) == 0) {
                for (int host = 1 + random.nextInt(3); host > 0; host--) {
                    String name = "web-" + (1 + random.nextInt(4));
                    for (int n = random.nextInt(3); n >= 0; n--) {
                        events.add(name);
                        events.add(window * STEP.toSeconds() + random.nextInt((int) STEP.toSeconds()));
                    }
                }
            }
        }
        OperatingTest.seed(node, "op-backtest", events.toArray());
    }

    @Test
    void aBacktestOverADayMatchesWhatLivePassesSentOverThatDayAndSendsNothing() throws Exception {
        List<String> live = new ArrayList<>();
        assertEquals(0, config.run("run", "--now", T0.toString()).exit());
        for (int k = 1; k <= 96; k++) {
            Instant now = T0.plus(STEP.multipliedBy(k));
            int before = slack.requests().size();
            TestingConfig.Result run = config.run("run", "--now", now.toString());
            assertEquals(0, run.exit(), run.err());
            for (int i = before; i < slack.requests().size(); i++) {
                live.add(now + " " + JSON.readTree(slack.requests().get(i).body()).path("text").asText());
            }
        }
        String stateAfterLive = config.read("throttle_period.json");
        int sentLive = slack.requests().size();
        assertTrue(live.stream().anyMatch(l -> l.contains("[RESOLVED]")), String.join("\n", live));
        assertTrue(live.stream().anyMatch(l -> l.contains("[CRITICAL]")), String.join("\n", live));

        TestingConfig.Result backtest = config.run("backtest", "web_errors", "--from", T0.toString(),
                "--to", T0.plus(Duration.ofDays(1)).toString(), "--step", "15m", "--json");

        assertEquals(0, backtest.exit(), backtest.err());
        JsonNode replay = JSON.readTree(backtest.out()).path("alerts").path(0);
        List<String> replayed = new ArrayList<>();
        for (JsonNode n : replay.path("notifications")) {
            replayed.add(n.path("at").asText() + " " + n.path("title").asText() + ": " + n.path("message").asText());
        }
        assertEquals(live, replayed);
        assertEquals(96, replay.path("windows").asInt());
        assertTrue(replay.path("throttled").asInt() > 0, "the day has throttled firings: " + replay);
        assertEquals(sentLive, slack.requests().size(), "a backtest sends nothing");
        assertEquals(stateAfterLive, config.read("throttle_period.json"), "a backtest changes no state");

        TestingConfig.Result human = config.run("backtest", "web_errors", "--from", T0.toString(),
                "--to", T0.plus(Duration.ofDays(1)).toString(), "--step", "15m");
        assertTrue(human.out().contains("web_errors: 96 windows, fired in " + replay.path("fired").asInt() + ", "
                + live.size() + " notifications would be sent (slack " + live.size() + "), "
                + replay.path("throttled").asInt() + " throttled"), human.out());
        assertTrue(human.out().contains(live.get(0).replace(" [", "  slack  [")), human.out());
    }

    @Test
    void aBacktestOfAnAlertWithADigestShowsTheDigestsSentAtEachPeriodsEnd() throws Exception {
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors("op-backtest", "\"digest\": \"2h\""));

        TestingConfig.Result backtest = config.run("backtest", "web_errors", "--from", T0.toString(),
                "--to", T0.plus(Duration.ofHours(12)).toString(), "--step", "15m", "--json");

        assertEquals(0, backtest.exit(), backtest.err());
        JsonNode replay = JSON.readTree(backtest.out()).path("alerts").path(0);
        assertTrue(replay.path("fired").asInt() > 6, "more firings than periods: " + replay);
        assertTrue(replay.path("notifications").size() > 1 && replay.path("notifications").size() <= 6, replay.toString());
        for (JsonNode n : replay.path("notifications")) {
            Instant at = Instant.parse(n.path("at").asText());
            assertEquals(0, at.getEpochSecond() % 7200, "sent at a period's end: " + n);
            assertTrue(n.path("message").asText().startsWith("digest of 2h from " + at.minus(Duration.ofHours(2)) + " to " + at
                    + ": "), n.toString());
        }
    }

    @Test
    void aBacktestWithoutNamesReplaysTheActiveAlertsOnly() throws Exception {
        TestingConfig.Result backtest = config.run("backtest", "--from", T0.toString(), "--to", T0.plus(STEP).toString(),
                "--json");

        assertEquals(0, backtest.exit(), backtest.err());
        List<String> replayed = new ArrayList<>();
        JSON.readTree(backtest.out()).path("alerts").forEach(a -> replayed.add(a.path("alert").asText()));
        assertEquals(List.of("web_errors"), replayed, "the built-in alerts are switched off");
    }

    @Test
    void anAlertThatReadsNoHistoryAndAWrongRangeAreRefusedBeforeAnythingRuns() {
        TestingConfig.Result health = config.run("backtest", "cluster_health", "--from", T0.toString());
        assertEquals(2, health.exit());
        assertTrue(health.err().contains("alert \"cluster_health\" cannot be backtested: it sends GET /_cluster/health,"
                + " which reads no history"), health.err());

        TestingConfig.Result backwards = config.run("backtest", "web_errors", "--from", T0.toString(), "--to",
                T0.minusSeconds(60).toString());
        assertEquals(2, backwards.exit());
        assertTrue(backwards.err().contains("--from before --to"), backwards.err());

        TestingConfig.Result noFrom = config.run("backtest", "web_errors");
        assertEquals(2, noFrom.exit());
        assertTrue(noFrom.err().contains("backtest needs --from INSTANT"), noFrom.err());
        assertFalse(noFrom.out().contains("windows"));
    }
}
