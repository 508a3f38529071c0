package io.alertas.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A query's misused placeholders, each at its JSON pointer: through arrays, and keys holding '/' or '~'. */
class QueryTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachMisuseIsAtItsPointerAndTheRestOfTheQueryIsNotSaid() throws Exception {
        JsonNode body = JSON.readTree("""
                {"query": {"bool": {"filter": [
                   {"term": {"event.code": "4625"}},
                   {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.size}}"}}}]}},
                 "aggs": {"a/b~c": {"terms": {"field": "{{params.field}}", "size": "{{params.size}}"}}}}""");

        List<QueryTemplate.Misuse> misuses = new QueryTemplate("test.json", body)
                .check(JSON.readTree("{\"size\": 10}"));

        assertEquals(List.of("/query/bool/filter/1/range/@timestamp/lt", "/aggs/a~1b~0c/terms/field"),
                misuses.stream().map(QueryTemplate.Misuse::pointer).toList());
        assertEquals("uses param \"field\", which the alert does not declare; declared: size", misuses.get(1).message());
    }
}
