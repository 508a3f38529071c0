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
import io.alertas.testkit.RecordingHttpServerExtension;
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
 * The history in the cluster, end to end against a real Elasticsearch: the documents of one pass with a
 * delivery, a throttle, a silence, a failed alert and a resolution, each read back with its fields; a secret in a
 * message masked; retention deleting a daily index past it; {@code status --history}; a write the cluster refuses
 * being only a warning; and the status page's chart of firings, checked in headless Chromium.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class HistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = OperatingTest.T0;
    private static final String HISTORY = "alertas-history-test";

    private RecordingHttpServer slack;
    private ElasticsearchNode node;
    @TempDir
    java.nio.file.Path dir;

    private TestingConfig config() {
        node.deleteIndices(HISTORY + "-*");
        if (node.request("GET", "/_index_template", null).findValuesAsText("name").contains(HISTORY)) {
            node.request("DELETE", "/_index_template/" + HISTORY, null);
        }
        node.deleteIndices("alertas-state-history");
        TestingConfig config = new TestingConfig(dir, node, slack.url("/hook"), 25);
        config.alerts(Map.of());
        config.credentials.putObject("state").put("store", "elasticsearch").put("index", "alertas-state-history");
        config.credentials.putObject("history").put("index", HISTORY).put("retention", "30d");
        config.credentials.putObject("monitoring").put("status_page", "status.html");
        config.writeCredentials();
        config.clock(T0);
        return config;
    }

    @Test
    void onePassWritesADocumentPerEventAndStatusReadsThemBack() throws Exception {
        OperatingTest.seed(node, "hist-web", "web-1", 10, "web-2", 20, "web-1", 70, "web-2", 80);
        OperatingTest.seed(node, "hist-db", "db-1", 90);
        OperatingTest.seed(node, "hist-cache", "cache-1", 30);
        TestingConfig config = config();
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors("hist-web", ""));
        config.write("alerts.d/db_errors.json", OperatingTest.webErrors("hist-db", ""));
        config.write("alerts.d/cache_errors.json", OperatingTest.webErrors("hist-cache", "\"resolve_after\": 1"));
        // Elasticsearch names the unknown query in its error: here the Slack webhook URL, a secret
        String webhook = slack.url("/hook").toString();
        config.write("alerts.d/broken.json", """
                {"index": "hist-web", "query": {"query": {"%s": {}}},
                 "condition": {"path": "hits.total.value", "op": "gt", "value": 0}, "message": "never"}
                """.formatted(webhook));
        node.createIndex(HISTORY + "-2026.04.01", JSON.createObjectNode());
        node.createIndex(HISTORY + "-2026.05.20", JSON.createObjectNode());

        TestingConfig.Result first = config.run("run", "--now", T0.plusSeconds(60).toString());
        assertEquals(1, first.exit(), first.out() + first.err());
        List<String> indices = node.request("GET", "/_cat/indices/" + HISTORY + "-*?format=json&h=index", null)
                .findValuesAsText("index");
        assertFalse(indices.contains(HISTORY + "-2026.04.01"), "past the 30d retention: " + indices);
        assertTrue(indices.contains(HISTORY + "-2026.05.20"), "within the retention: " + indices);
        assertTrue(indices.contains(HISTORY + "-2026.06.01"), indices.toString());
        JsonNode template = node.request("GET", "/_index_template/" + HISTORY, null);
        assertEquals("keyword", template.at("/index_templates/0/index_template/template/mappings/properties/outcome/type")
                .asText(), template.toString());

        TestingConfig.Result silenced = config.run("silence", "web_errors", "web-2", "--for", "2h");
        assertEquals(0, silenced.exit(), silenced.err());
        Instant second = T0.plusSeconds(120);
        TestingConfig.Result pass = config.run("run", "--now", second.toString());
        assertEquals(1, pass.exit(), "broken fails: " + pass.out() + pass.err());

        List<JsonNode> documents = documents(second);
        JsonNode delivered = only(documents, "db_errors", "delivered", "db-1");
        assertEquals("slack", delivered.path("medium").asText());
        assertEquals("critical", delivered.path("severity").asText());
        assertEquals("fired", delivered.path("notification").asText());
        assertEquals("2026-06-01T10:01:00Z", delivered.at("/window/start").asText());
        assertEquals("2026-06-01T10:02:00Z", delivered.at("/window/end").asText());
        assertFalse(delivered.path("plugin").asText().isEmpty(), delivered.toString());
        assertFalse(delivered.path("runner").asText().isEmpty(), delivered.toString());
        assertTrue(delivered.path("message").asText().contains("db-1"), delivered.toString());
        only(documents, "db_errors", "fired", "db-1");
        assertEquals("slack", only(documents, "web_errors", "throttled", "web-1").path("medium").asText());
        assertEquals("slack", only(documents, "web_errors", "silenced", "web-2").path("medium").asText());
        JsonNode fired = only(documents, "web_errors", "fired", "web-2");
        assertTrue(fired.path("medium").isMissingNode(), "a firing is the alert's, not a medium's: " + fired);
        JsonNode resolved = only(documents, "cache_errors", "resolved", "cache-1");
        assertTrue(resolved.path("message").asText().contains("no longer firing"), resolved.toString());
        JsonNode resolvedDelivery = only(documents, "cache_errors", "delivered", "cache-1");
        assertEquals("resolved", resolvedDelivery.path("notification").asText());
        JsonNode failed = only(documents, "broken", "failed", null);
        assertTrue(failed.path("message").asText().contains("[secret]"), failed.toString());
        assertFalse(documents.toString().contains(webhook), "the webhook URL is a secret: " + documents);

        config.clock(second.plusSeconds(30));
        TestingConfig.Result history = config.run("status", "--history", "web_errors", "--since", "1h");
        assertEquals(0, history.exit(), history.err());
        List<String> lines = history.out().lines().toList();
        assertEquals(8, lines.size(), "4 documents of each pass: " + history.out());
        assertTrue(lines.get(0).startsWith("2026-06-01T10:02:00Z  "), "newest first: " + history.out());
        assertTrue(lines.contains("2026-06-01T10:02:00Z  throttled  key web-1  on slack  1 errors"), history.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("2026-06-01T10:01:00Z  "), history.out());
        assertEquals(2, config.run("status", "--since", "1h").exit(), "--since goes with --history");
        assertEquals(2, config.run("status", "--history", "no_such_alert").exit());
        JsonNode json = JSON.readTree(config.run("status", "--history", "broken", "--json").out());
        assertEquals(2, json.path("history").size(), json.toString());
        assertEquals("failed", json.at("/history/0/outcome").asText());

        String page = OperatingTest.chromium(dir.resolve("status.html"));
        Matcher chart = Pattern.compile("<svg id=\"firings\"(.*?)</svg>", Pattern.DOTALL).matcher(page);
        assertTrue(chart.find(), page);
        Map<String, Integer> bars = new java.util.TreeMap<>();
        Matcher group = Pattern.compile("<g class=\"alert-firings\" data-alert=\"(\\w+)\">(.*?)</g>", Pattern.DOTALL)
                .matcher(chart.group(1));
        while (group.find()) {
            bars.put(group.group(1), group.group(2).split("<rect class=\"bar\"", -1).length - 1);
        }
        assertEquals(Map.of("cache_errors", 1, "db_errors", 1, "web_errors", 1), bars, chart.group(1));
        assertTrue(chart.group(1).contains("web_errors (4)"), "two firings in each of two passes: " + chart.group(1));
        long red = OperatingTest.screenshot(dir.resolve("status.html"), dir.resolve("status.png"), 0xc0392b);
        assertTrue(red >= 3 * 10 * 2, "three bars at least 10 by 2 pixels are drawn in the bars' red: " + red);
    }

    @Test
    void aHistoryTheClusterRefusesIsAWarningAndThePassSucceeds() throws Exception {
        OperatingTest.seed(node, "hist-refused", "web-1", 10);
        TestingConfig config = config();
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors("hist-refused", ""));
        ObjectNode blocked = JSON.createObjectNode();
        blocked.putObject("settings").put("index.blocks.write", true);
        node.request("PUT", "/" + HISTORY + "-2026.06.01", blocked);

        TestingConfig.Result pass = config.run("run", "--now", T0.plusSeconds(60).toString());
        assertEquals(0, pass.exit(), pass.out() + pass.err());
        assertEquals(1, slack.requests().size(), "the delivery is not held by the history");
        assertTrue(pass.out().contains("1 delivered") && pass.out().contains("1 warning"), pass.out());
        assertTrue(pass.err().contains("warning: 2 of the 2 history documents of this pass were refused"), pass.err());
        assertTrue(config.read("alerts.log").contains("history documents of this pass were refused by "
                + HISTORY + "-2026.06.01: cluster_block_exception"), config.read("alerts.log"));
        node.request("PUT", "/" + HISTORY + "-2026.06.01/_settings",
                JSON.createObjectNode().put("index.blocks.write", false));
    }

    /** The history documents written at {@code at}. */
    private List<JsonNode> documents(Instant at) {
        node.request("POST", "/" + HISTORY + "-*/_refresh", null);
        ObjectNode search = JSON.createObjectNode().put("size", 100);
        search.putObject("query").putObject("term").put("@timestamp", at.toString());
        List<JsonNode> documents = new ArrayList<>();
        node.request("POST", "/" + HISTORY + "-*/_search", search).at("/hits/hits").forEach(h -> documents.add(h.path("_source")));
        return documents;
    }

    /** The one document of {@code alert} with {@code outcome} for {@code key} (null: none). */
    private static JsonNode only(List<JsonNode> documents, String alert, String outcome, String key) {
        List<JsonNode> found = documents.stream().filter(d -> d.path("alert").asText().equals(alert)
                && d.path("outcome").asText().equals(outcome)
                && (key == null ? d.path("key").isMissingNode() : d.path("key").asText().equals(key))).toList();
        assertEquals(1, found.size(), alert + " " + outcome + " " + key + " in " + documents);
        return found.get(0);
    }
}
