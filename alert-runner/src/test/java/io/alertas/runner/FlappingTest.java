package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * Flapping through real passes of the runner against a real Elasticsearch and a Slack-compatible receiver: a
 * door that opens and shuts every minute is told once that it flaps, nothing more while it does, and once
 * more when it has kept still long enough (and not again when {@code resolve_after} would resolve it).
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class FlappingTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension(TestingConfig.WEBHOOK_PATH).withoutDemoFixtures();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "flapping-door";
    /** The door opens in the windows of the passes at these minutes after NOW (each window is the minute before). */
    private static final List<Integer> OPEN = List.of(0, 2, 4);
    /** The other door opens and shuts, then stays open from minute 4 on. */
    private static final List<Integer> STAYS_OPEN = List.of(0, 2, 4, 5, 6, 7, 8, 9, 10);
    private static final String DOOR = """
            {"index": "flapping-door", "media": ["slack"], "query_delay": "0s", "throttle_period": "1m",
             "resolve_after": 1, "flapping": {"changes": 3, "windows": 6},
             "query": {"size": 0, "query": {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}},
             "condition": {"path": "hits.total.value", "op": "gt", "value": 0},
             "message": "the door is open"}
            """;

    private RecordingHttpServer slack;
    private TestingConfig config;

    @BeforeAll
    static void doorEvents(ElasticsearchNode node) {
        node.createIndex(INDEX, JSON.createObjectNode().set("properties",
                JSON.createObjectNode().set("@timestamp", JSON.createObjectNode().put("type", "date"))));
        List<ObjectNode> opened = new ArrayList<>();
        OPEN.forEach(minute -> opened.add(JSON.createObjectNode()
                .put("@timestamp", at(minute).minusSeconds(30).toString())));
        node.index(INDEX, opened);
        node.createIndex(INDEX + "-stays", JSON.createObjectNode().set("properties",
                JSON.createObjectNode().set("@timestamp", JSON.createObjectNode().put("type", "date"))));
        List<ObjectNode> stays = new ArrayList<>();
        STAYS_OPEN.forEach(minute -> stays.add(JSON.createObjectNode().put("@timestamp", at(minute).minusSeconds(30).toString())));
        node.index(INDEX + "-stays", stays);
    }

    @Test
    void aKeyThatFlapsIsToldOnceThenHeldThenToldWhenStable() throws Exception {
        config.alerts(Map.of());
        config.write("alerts.d/door.json", DOOR);
        config.credentials.putObject("monitoring").put("status_page", "status.html");
        config.writeCredentials();

        run(0);
        run(1);
        List<String> told = told();
        assertEquals(2, told.size(), told.toString());
        assertTrue(told.get(0).endsWith("door: the door is open"), told.get(0));
        assertTrue(told.get(1).startsWith("[RESOLVED] door: no longer firing"), told.get(1));

        run(2);
        assertEquals(3, told().size(), told().toString());
        assertTrue(told().get(2).endsWith("door: flapping: changed state at least 3 times in the last 6 windows; its"
                + " notifications are held until it is stable"), told().get(2));
        for (int minute = 3; minute < 9; minute++) {
            run(minute);
        }
        assertEquals(3, told().size(), "nothing told while it flaps: " + told());
        String page = OperatingTest.chromium(config.dir.resolve("status.html"));
        assertTrue(page.contains("<ul class=\"flapping\"><li>door: (whole alert) flapping since " + at(2)
                + ": 3 changes in the last 6 windows</li></ul>"), page);
        TestingConfig.Result status = config.run("status");
        assertTrue(status.out().contains("door: (whole alert) flapping since " + at(2) + ": 3 changes in the last 6 windows"),
                status.out() + status.err());

        run(9);   // the changes of the windows of minutes 0 and 1 are now past the last 6 windows
        assertEquals(4, told().size(), told().toString());
        assertEquals("[RESOLVED] door: no longer flapping: stable again, and quiet", told().get(3));
        run(10);
        assertEquals(4, told().size(), "told once: " + told());
    }

    @Test
    void aKeyToldQuietWhenItStopsFlappingIsNotResolvedAgainByResolveAfter() throws Exception {
        config.alerts(Map.of());
        config.write("alerts.d/door.json", DOOR.replace("\"resolve_after\": 1", "\"resolve_after\": 10"));

        for (int minute = 0; minute < 9; minute++) {
            run(minute);
        }
        assertEquals(2, told().size(), "fired, flapping: " + told());
        run(9);   // stable again; quiet since the window of minute 5, 5 of the 10 windows resolve_after asks
        assertEquals("[RESOLVED] door: no longer flapping: stable again, and quiet", told().get(2));
        for (int minute = 10; minute < 16; minute++) {
            run(minute);   // quiet for 10 windows at minute 14
        }
        assertEquals(3, told().size(), "its state told once, resolved once: " + told());
    }

    @Test
    void aKeyThatStopsFlappingWhileFiringIsToldFiringOnce() throws Exception {
        config.alerts(Map.of());
        config.write("alerts.d/door.json", DOOR.replace(INDEX, INDEX + "-stays").replace("\"1m\"", "\"1h\""));

        for (int minute = 0; minute < 8; minute++) {
            run(minute);
        }
        assertEquals(3, told().size(), "fired, resolved, flapping: " + told());
        run(8);   // the change of minute 2's window is past the last 6 windows; it has fired since minute 4
        assertEquals(4, told().size(), told().toString());
        assertTrue(told().get(3).endsWith("door: no longer flapping: stable again, and firing"), told().get(3));
        run(9);
        run(10);
        assertEquals(4, told().size(), "then throttled as any firing: " + told());
    }

    private TestingConfig.Result run(int minute) {
        TestingConfig.Result result = config.run("run", "--now", at(minute).toString());
        assertEquals(0, result.exit(), result.out() + result.err());
        return result;
    }

    /** The text of each message told: its title, then its message. */
    private List<String> told() throws Exception {
        List<String> told = new ArrayList<>();
        for (RecordingHttpServer.Request request : slack.requests()) {
            told.add(JSON.readTree(request.body()).path("text").asText());
        }
        return told;
    }

    private static Instant at(int minute) {
        return TestingConfig.NOW.plusSeconds(60L * minute);
    }
}
