package io.alertas.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** One dotted-path reader for evaluators, alerts.d conditions and messages, and medium settings. */
class ResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDottedPathReadsNestedObjectsDottedKeysAndListItems() throws Exception {
        JsonNode answer = JSON.readTree("""
                {"hits": {"total": {"value": 2}, "hits": [
                  {"_source": {"host": {"name": "dc01"}, "winlog.event_data.ServiceName": "evil", "tags": ["a", "b"]}}]}}
                """);

        assertEquals(2, Responses.at(answer, "hits.total.value").asInt());
        assertEquals("dc01", Responses.at(answer, "hits.hits.0._source.host.name").asText());
        assertTrue(Responses.at(answer, "hits.hits.1._source").isMissingNode());
        assertTrue(Responses.at(answer, "aggregations.hosts.buckets").isMissingNode());

        JsonNode hit = Responses.hits(answer).get(0);
        assertEquals("dc01", Responses.field(hit, "host.name"));
        assertEquals("evil", Responses.field(hit, "winlog.event_data.ServiceName"), "a key holding the dotted name");
        assertEquals("a, b", Responses.field(hit, "tags"));
        assertEquals("", Responses.field(hit, "user.name"));
    }
}
