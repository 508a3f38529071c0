package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.core.pass.Shard;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A maintenance window of 02:00 to 03:00 in Europe/Madrid on both state stores, across both daylight-saving
 * changes of 2026: on 29 March it does not happen (02:00 is skipped), on 25 October it is in force both times
 * 02:xx comes. Each pass is a run of the runner with {@code --now}, delivering to a recording Slack receiver.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class MaintenanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingHttpServer slack;
    private ElasticsearchNode node;
    @TempDir
    Path dir;

    private static long seconds(String instant) {
        return Duration.between(OperatingTest.T0, Instant.parse(instant)).toSeconds();
    }

    private static void passed(TestingConfig.Result run) {
        assertEquals(0, run.exit(), run.out() + run.err());
    }

    private String slackText(int request) throws IOException {
        return JSON.readTree(slack.requests().get(request).body()).path("text").asText();
    }

    /** web_errors on {@code index}, with {@code extra} settings, and the window "nightly": 02:00 to 03:00 in Madrid. */
    private TestingConfig config(String index, String extra) throws IOException {
        TestingConfig config = new TestingConfig(dir, node, slack.url("/hook"), 25);
        config.alerts(JSON.readValue("""
                {"maintenance": {"nightly": {"time_zone": "Europe/Madrid",
                                             "intervals": [{"times": [{"start": "02:00", "end": "03:00"}]}]}}}
                """, Map.class));
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors(index, extra));
        return config;
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "elasticsearch"})
    void nothingIsSentWhileTheWindowIsInForceAndWhatItMutedIsSaidWhenItEnds(String store) throws Exception {
        String index = "maint-" + store;
        OperatingTest.seed(node, index,
                "web-m1", seconds("2026-03-29T00:29:30Z"), "web-m2", seconds("2026-03-29T01:29:30Z"),
                "web-a", seconds("2026-10-24T23:49:30Z"), "web-b", seconds("2026-10-25T00:29:30Z"),
                "web-c", seconds("2026-10-25T01:29:30Z"), "web-d", seconds("2026-10-25T02:09:30Z"));
        TestingConfig config = config(index, "\"maintenance\": [\"nightly\"]");
        node.deleteIndices("alertas-state-maint");
        config.credentials.putObject("state").put("store", store).put("index", "alertas-state-maint");
        config.credentials.putObject("monitoring").put("status_page", "status.html");
        config.writeCredentials();

        // 29 March: 02:00 CET becomes 03:00 CEST, so no instant is in the window; both sides are sent
        passed(config.run("run", "--now", "2026-03-29T00:30:00Z"));
        passed(config.run("run", "--now", "2026-03-29T01:30:00Z"));
        assertEquals(2, slack.requests().size());
        assertEquals("[CRITICAL] web_errors (1 finding): Errors on 1 hosts: web-m2", slackText(1));

        // 25 October, 01:50 CEST: Slack fails, so the firing waits in the queue
        for (int i = 0; i < 3; i++) {
            slack.respond(500, "server_error");
        }
        TestingConfig.Result failed = config.run("run", "--now", "2026-10-24T23:50:00Z");
        assertEquals(1, failed.exit(), failed.out() + failed.err());
        int tried = slack.requests().size();

        // 02:30 CEST, then 02:30 CET an hour later: in force both times; the waiting one is not tried either
        TestingConfig.Result first = config.run("run", "--now", "2026-10-25T00:30:00Z");
        passed(first);
        assertTrue(first.out().contains("2 in maintenance"), first.out());
        config.clock(Instant.parse("2026-10-25T01:30:00Z"));
        passed(config.run("run", "--now", "2026-10-25T01:30:00Z"));
        assertEquals(tried, slack.requests().size(), "nothing reaches Slack during the window");

        JsonNode status = JSON.readTree(config.run("status", "--json").out());
        JsonNode nightly = status.path("maintenance").path(0);
        assertEquals("nightly", nightly.path("window").asText());
        assertTrue(nightly.path("in_force").asBoolean(), status.toString());
        assertEquals("2026-10-25T02:00:00Z", nightly.path("until").asText(), "03:00 CET");
        assertEquals("2026-10-26T01:00:00Z", nightly.path("next_start").asText(), "02:00 CET the next day");
        assertEquals("2026-10-26T02:00:00Z", nightly.path("next_end").asText());
        assertEquals("web_errors on slack", nightly.path("mutes").path(0).asText());
        JsonNode webErrors = java.util.stream.StreamSupport.stream(status.path("alerts").spliterator(), false)
                .filter(a -> a.path("alert").asText().equals("web_errors")).findFirst().orElseThrow();
        assertEquals(1, webErrors.path("pending").size(), "the waiting notification is still waiting");
        assertEquals(1, webErrors.at("/pending/0/attempts").asInt(), "and was not tried during the window: one failed pass");
        String text = config.run("status").out();
        assertTrue(text.contains("  nightly (Europe/Madrid): in force until 2026-10-25 03:00 CET (2026-10-25T02:00:00Z);"
                + " next 2026-10-26 02:00 CET (2026-10-26T01:00:00Z) to 2026-10-26 03:00 CET (2026-10-26T02:00:00Z);"
                + " mutes web_errors on slack"), text);
        String page = config.read("status.html");
        assertTrue(page.contains("<li class=\"window in-force\"><span class=\"name\">nightly</span> (Europe/Madrid):"
                + " in force until 2026-10-25 03:00 CET (2026-10-25T02:00:00Z);"), page);

        // 03:10 CET: the window ended; the waiting firing goes, then the new one, and the count is said
        TestingConfig.Result after = config.run("run", "--now", "2026-10-25T02:10:00Z");
        passed(after);
        assertTrue(after.out().contains("maintenance window nightly ended at 2026-10-25T02:00:00Z: 2 firings muted"),
                after.out());
        assertTrue(config.read("alerts.log").contains("maintenance window nightly ended at 2026-10-25T02:00:00Z"));
        assertEquals(tried + 2, slack.requests().size());
        assertEquals("[CRITICAL] web_errors (1 finding): Errors on 1 hosts: web-a", slackText(tried));
        assertEquals("[CRITICAL] web_errors (1 finding): Errors on 1 hosts: web-d", slackText(tried + 1));
        for (int i = 0; i < slack.requests().size(); i++) {
            assertFalse(slackText(i).contains("web-b") || slackText(i).contains("web-c"), "muted firings are not sent later");
        }
        TestingConfig.Result quiet = config.run("run", "--now", "2026-10-25T02:20:00Z");
        assertFalse(quiet.out().contains("maintenance window"), "the end is said once: " + quiet.out());
    }

    @Test
    void aResolvedNotificationDuringTheWindowIsNotSentAndIsCountedApart() throws Exception {
        String index = "maint-resolved";
        OperatingTest.seed(node, index, "web-x", seconds("2026-10-26T00:49:30Z"));
        TestingConfig config = config(index, "\"maintenance\": \"nightly\", \"resolve_after\": 1");

        passed(config.run("run", "--now", "2026-10-26T00:50:00Z"));   // 01:50 CET
        assertEquals(1, slack.requests().size());
        TestingConfig.Result quiet = config.run("run", "--now", "2026-10-26T01:30:00Z");
        passed(quiet);
        assertTrue(quiet.out().contains("1 in maintenance"), quiet.out());
        TestingConfig.Result ended = config.run("run", "--now", "2026-10-26T02:10:00Z");
        passed(ended);
        assertTrue(ended.out().contains("maintenance window nightly ended at 2026-10-26T02:00:00Z: 0 firings muted,"
                + " and 1 resolved notification"), ended.out());
        assertEquals(1, slack.requests().size(), "the resolution is not sent after the window either");
    }

    @Test
    void aShardWhoseAlertsNameNoWindowLeavesAnotherShardsCountAlone() throws Exception {
        String index = "maint-shards";
        OperatingTest.seed(node, index, "web-b", seconds("2026-10-25T00:29:30Z"));
        TestingConfig config = config(index, "\"maintenance\": [\"nightly\"]");
        node.deleteIndices("alertas-state-shards");
        config.credentials.putObject("state").put("store", "elasticsearch").put("index", "alertas-state-shards");
        config.writeCredentials();
        String own = new Shard(1, 2).contains("web_errors") ? "1/2" : "2/2";
        String other = own.equals("1/2") ? "2/2" : "1/2";

        TestingConfig.Result muted = config.run("run", "--shard", own, "--now", "2026-10-25T00:30:00Z");
        passed(muted);
        assertTrue(muted.out().contains("1 in maintenance"), muted.out());
        TestingConfig.Result otherPass = config.run("run", "--shard", other, "--now", "2026-10-25T01:30:00Z");
        passed(otherPass);
        assertFalse(otherPass.out().contains("maintenance window"), "nightly is still in force: " + otherPass.out());

        TestingConfig.Result ended = config.run("run", "--shard", other, "--now", "2026-10-25T02:10:00Z");
        passed(ended);
        assertTrue(ended.out().contains("maintenance window nightly ended at 2026-10-25T02:00:00Z: 1 firing muted"), ended.out());
        assertFalse(ended.out().contains("no longer applies"), ended.out());
        assertEquals(0, slack.requests().size(), "the muted firing is never sent");
    }
}
