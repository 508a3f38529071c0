package io.alertas.core.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.testkit.RecordingHttpServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client sends and how it reports failures, against a recording HTTP server (API-key creation
 * does not work in the test distribution of Elasticsearch; TLS and basic auth are tested against the real one).
 */
class ElasticsearchClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private RecordingHttpServer server;

    @BeforeEach
    void start() {
        server = RecordingHttpServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTheApiKeyHeaderAndTheBodyToTheIndexSearch() throws Exception {
        server.respond(200, "{\"hits\": {\"total\": {\"value\": 3}}}");
        ElasticsearchClient client = ElasticsearchClient.builder(server.url("")).apiKey("aWQ6a2V5").build();

        var answer = client.search("winlogbeat-*,logs-system.security-*", JSON.readTree("{\"size\": 0}"));

        assertEquals(3, answer.path("hits").path("total").path("value").asInt());
        RecordingHttpServer.Request request = server.requests().get(0);
        assertEquals("ApiKey aWQ6a2V5", request.header("Authorization"));
        assertEquals("POST", request.method());
        assertEquals("/winlogbeat-*,logs-system.security-*/_search", request.path());
        assertEquals("{\"size\":0}", request.body());
    }

    @Test
    void anErrorNamesTheClusterTheStatusAndElasticsearchsReasonButNoCredential() throws Exception {
        server.respond(503, "{\"error\": {\"root_cause\": [{\"type\": \"cluster_block_exception\","
                + " \"reason\": \"blocked by: [SERVICE_UNAVAILABLE/1/state not recovered]\"}]}, \"status\": 503}");
        URI withUserInfo = URI.create(server.url("").toString().replace("http://", "http://alerter:hunter2-secret@"));
        ElasticsearchClient client = ElasticsearchClient.builder(withUserInfo).basicAuth("alerter", "hunter2-secret").build();

        ElasticsearchException e = assertThrows(ElasticsearchException.class,
                () -> client.search("logs-*", JSON.readTree("{}")));

        assertEquals("Elasticsearch at " + server.url("") + " answered 503 Service Unavailable: cluster_block_exception:"
                + " blocked by: [SERVICE_UNAVAILABLE/1/state not recovered] (POST /logs-*/_search)", e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void aClusterThatIsDownIsNamed() throws Exception {
        URI nowhere = server.url("");
        server.close();
        ElasticsearchClient client = ElasticsearchClient.builder(nowhere).timeout(Duration.ofSeconds(2)).build();

        ElasticsearchException e = assertThrows(ElasticsearchException.class,
                () -> client.request("GET", "/_cluster/health", null));

        assertEquals(0, e.status());
        assertTrue(e.getMessage().startsWith("Elasticsearch at " + nowhere + " refused the connection"), e.getMessage());
        server = RecordingHttpServer.start();
    }
}
