package io.alertas.core.internal.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
        ElasticsearchClient client = ElasticsearchClient.builder(withUserInfo).basicAuth("alerter", "hunter2-secret")
                .retries(1, Duration.ZERO).build();

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

    @Test
    void anOverloadedOrUnavailableClusterIsAskedAgainWithBackoff() throws Exception {
        server.respond(503, "{\"error\": {\"type\": \"unavailable_shards_exception\", \"reason\": \"primary shard is not active\"}}");
        server.respond(429, "{}", Map.of("Retry-After", "1"));
        server.respond(200, "{\"took\": 1}");
        ElasticsearchClient client = ElasticsearchClient.builder(server.url("")).retries(3, Duration.ofMillis(10)).build();

        long started = System.nanoTime();
        var answer = client.search("logs-*", JSON.readTree("{}"));

        assertEquals(1, answer.path("took").asInt());
        assertEquals(3, server.requests().size());
        assertTrue(System.nanoTime() - started >= 1_000_000_000L, "the Retry-After of 1 s was honoured");
    }

    @Test
    void aClusterStillUnavailableAfterTheAttemptsIsNamedAndABadRequestIsNotRepeated() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.respond(503, "");
        }
        ElasticsearchClient client = ElasticsearchClient.builder(server.url("")).retries(3, Duration.ofMillis(10)).build();

        ElasticsearchException unavailable = assertThrows(ElasticsearchException.class,
                () -> client.search("logs-*", JSON.readTree("{}")));
        assertTrue(unavailable.getMessage().contains("answered 503 Service Unavailable"), unavailable.getMessage());
        assertEquals(3, server.requests().size());

        server.respond(400, "{\"error\": {\"root_cause\": [{\"type\": \"parsing_exception\", \"reason\": \"unknown query [match_al]\"}]}}");
        ElasticsearchException bad = assertThrows(ElasticsearchException.class,
                () -> client.search("logs-*", JSON.readTree("{}")));
        assertTrue(bad.getMessage().contains("400 Bad Request: parsing_exception: unknown query [match_al]"), bad.getMessage());
        assertEquals(4, server.requests().size());
    }

    @Test
    void aClusterThatDoesNotAnswerTimesOutAndIsNamed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());

            ElasticsearchException e = searchWithin500ms(url);

            assertEquals("Elasticsearch at " + url + " gave no answer within 500ms (POST /logs-*/_search)", e.getMessage());
            assertTrue(e.ofTheRequest(), "a search may be slow on its own: worth sending apart from its batch");
        }
    }

    @Test
    void aTlsClusterThatAcceptsButNeverAnswersIsNotRetriedAndSaysNoAnswer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("https://127.0.0.1:" + silent.getLocalPort());

            ElasticsearchException e = searchWithin500ms(url);

            assertEquals("Elasticsearch at " + url + " gave no answer within 500ms (the connection or its TLS handshake"
                    + " did not complete) (POST /logs-*/_search)", e.getMessage());
            assertFalse(e.retryable(), "a silent cluster is not waited for three times");
        }
    }

    /** How a search of {@code url} with a 500 ms timeout fails. */
    private static ElasticsearchException searchWithin500ms(URI url) throws Exception {
        ElasticsearchClient client = ElasticsearchClient.builder(url).timeout(Duration.ofMillis(500)).build();
        return assertThrows(ElasticsearchException.class, () -> client.search("logs-*", JSON.readTree("{}")));
    }

    @Test
    void aHostNameThatDoesNotResolveIsSaidSo() throws Exception {
        URI url = URI.create("https://es.no-such-host.invalid:9200");
        ElasticsearchClient client = ElasticsearchClient.builder(url).retries(1, Duration.ofMillis(1)).build();

        ElasticsearchException e = assertThrows(ElasticsearchException.class,
                () -> client.search("logs-*", JSON.readTree("{}")));

        assertEquals("Elasticsearch at " + url + " cannot be reached: its host name \"es.no-such-host.invalid\" does not"
                + " resolve; check \"url\" in credentials.json (POST /logs-*/_search)", e.getMessage());
    }

    @Test
    void anApiKeyThatCannotGoInAHeaderIsRefusedWithoutQuotingIt() {
        String key = "QXBpS2V5LWxlYWtlZC1zZWNyZXQ=\nX-Injected: yes";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ElasticsearchClient.builder(URI.create("https://es.example.com")).apiKey(key));

        assertFalse(e.getMessage().contains("QXBpS2V5"), e.getMessage());
    }

    @Test
    void aForbiddenSearchSaysThePrivilegeIsMissing() throws Exception {
        server.respond(403, "{\"error\": {\"root_cause\": [{\"type\": \"security_exception\", \"reason\": "
                + "\"action [indices:data/read/search] is unauthorized for user [alerter]\"}]}}");
        ElasticsearchClient client = ElasticsearchClient.builder(server.url("")).build();

        ElasticsearchException e = assertThrows(ElasticsearchException.class,
                () -> client.search("winlogbeat-*", JSON.readTree("{}")));

        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("answered 403 Forbidden: security_exception: action [indices:data/read/search] "
                + "is unauthorized for user [alerter]; the user lacks the privilege to read this index"), e.getMessage());
    }

    @Test
    void aBatchOfSearchesGoesInOneMsearchAndARefusedSearchFailsAlone() throws Exception {
        server.respond(200, "{\"took\": 3, \"responses\": [{\"took\": 1, \"hits\": {\"total\": {\"value\": 2}}, \"status\": 200},"
                + " {\"error\": {\"root_cause\": [{\"type\": \"index_not_found_exception\", \"reason\": \"no such index [metrics]\"}]},"
                + " \"status\": 404}]}");
        ElasticsearchClient client = ElasticsearchClient.builder(server.url("")).build();

        List<ElasticsearchClient.Answer> answers = client.msearch(List.of(
                new ElasticsearchClient.Search("winlogbeat-*,logs-system.security-*", JSON.readTree("{\"size\": 0}")),
                new ElasticsearchClient.Search("metrics", JSON.readTree("{\"size\": 1}"))));

        RecordingHttpServer.Request request = server.requests().get(0);
        assertEquals("/_msearch", request.path());
        assertEquals("application/x-ndjson", request.header("Content-Type"));
        assertEquals("{\"index\":[\"winlogbeat-*\",\"logs-system.security-*\"]}\n{\"size\":0}\n{\"index\":[\"metrics\"]}\n{\"size\":1}\n",
                request.body());
        assertEquals(2, answers.get(0).response().path("hits").path("total").path("value").asInt());
        assertEquals("Elasticsearch at " + server.url("") + " answered 404 Not Found: index_not_found_exception: no such index "
                + "[metrics]; check the index pattern (search of metrics in POST /_msearch)", answers.get(1).failure().getMessage());
    }

    @Test
    @ExtendWith(ElasticsearchExtension.class)
    void aWrongPasswordIsRefusedWith401AndTheMessageNeverQuotesIt(ElasticsearchNode node) throws Exception {
        assumeTrue(node.cluster().secured(), "the OpenSearch integ-test zip has no security plugin to refuse a password");
        ElasticsearchClient wrong = ElasticsearchClient.builder(node.url())
                .basicAuth(ElasticsearchNode.USERNAME, "not-the-password")
                .caCertificate(node.caCertificate())
                .build();

        ElasticsearchException e = assertThrows(ElasticsearchException.class,
                () -> wrong.request("GET", "/_cluster/health", null));

        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains(node.url().toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("not-the-password"), e.getMessage());
    }
}
