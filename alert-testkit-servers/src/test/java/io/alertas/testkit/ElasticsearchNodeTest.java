package io.alertas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchNodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void servesTheConfiguredClusterAndFindsIndexedFixtures(ElasticsearchNode node) throws Exception {
        Cluster cluster = Cluster.configured();
        assertEquals(cluster, node.cluster());
        assertEquals(cluster.secured() ? "https" : "http", node.url().getScheme());
        JsonNode nodes = node.request("GET", "/_nodes/_local", null).path("nodes");
        JsonNode info = nodes.elements().next();
        assertEquals(cluster.version(), info.path("version").asText());
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        node.createIndex("fixtures-test", JSON.readTree(
                "{\"properties\":{\"@timestamp\":{\"type\":\"date\"},\"user\":{\"type\":\"keyword\"}}}"));
        node.index("fixtures-test", Fixtures.parse(
                "{\"@timestamp\":\"{{now-90s}}\",\"user\":\"alice\"}\n// skipped\n{\"@timestamp\":\"{{now-2h}}\",\"user\":\"bob\"}\n",
                now, "inline"));

        JsonNode recent = node.request("POST", "/fixtures-test/_search", JSON.readTree(
                "{\"query\":{\"range\":{\"@timestamp\":{\"gte\":\"2026-03-01T11:55:00Z\"}}}}"));

        assertEquals(1, recent.path("hits").path("total").path("value").asInt());
        assertEquals("alice", recent.path("hits").path("hits").path(0).path("_source").path("user").asText());
        assertEquals("2026-03-01T11:58:30Z",
                recent.path("hits").path("hits").path(0).path("_source").path("@timestamp").asText());
    }
}
