package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kibana saved objects the tarball ships for the history (kibana/alertas-history.ndjson): every line an
 * object, every reference resolved within the file, and every field a data view, a visualization or a query
 * names mapped by the history's index template. No Kibana runs here: whether Kibana imports it is untested.
 */
class KibanaObjectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OBJECTS = Path.of("../alertas-dist/src/dist/kibana/alertas-history.ndjson");
    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z@][\\w.@]*)\\s*:");

    @Test
    void everyFieldTheDashboardReadsIsInTheIndexTemplateAndEveryReferenceResolves() throws Exception {
        Set<String> mapped = new HashSet<>();
        try (InputStream in = KibanaObjectsTest.class.getResourceAsStream("/io/alertas/core/internal/history/template.json")) {
            JsonNode template = JSON.readTree(in);
            assertEquals("alertas-history-*", template.at("/index_patterns/0").asText().replace("INDEX", "alertas-history"));
            fields("", template.at("/template/mappings/properties"), mapped);
        }
        List<JsonNode> objects = new ArrayList<>();
        for (String line : Files.readAllLines(OBJECTS)) {
            objects.add(JSON.readTree(line));
        }
        Set<String> ids = new HashSet<>();
        objects.forEach(o -> ids.add(o.path("type").asText() + "/" + o.path("id").asText()));
        assertEquals(Set.of("index-pattern/alertas-history", "visualization/alertas-history-firings",
                "visualization/alertas-history-top-keys", "visualization/alertas-history-failures",
                "dashboard/alertas-history"), ids);

        Set<String> named = new TreeSet<>();
        for (JsonNode object : objects) {
            JsonNode attributes = object.path("attributes");
            for (JsonNode reference : object.path("references")) {
                assertTrue(ids.contains(reference.path("type").asText() + "/" + reference.path("id").asText()),
                        "a reference to an object of the file: " + reference);
            }
            if (object.path("type").asText().equals("index-pattern")) {
                assertEquals("alertas-history-*", attributes.path("title").asText());
                named.add(attributes.path("timeFieldName").asText());
            }
            if (attributes.has("visState")) {
                JsonNode visState = JSON.readTree(attributes.path("visState").asText());
                assertFalse(visState.path("aggs").isEmpty(), object.toString());
                visState.path("aggs").forEach(agg -> {
                    if (agg.at("/params/field").isTextual()) {
                        named.add(agg.at("/params/field").asText());
                    }
                });
            }
            if (attributes.at("/kibanaSavedObjectMeta/searchSourceJSON").isTextual()) {
                String query = JSON.readTree(attributes.at("/kibanaSavedObjectMeta/searchSourceJSON").asText())
                        .at("/query/query").asText();
                Matcher field = KQL_FIELD.matcher(query);
                while (field.find()) {
                    named.add(field.group(1));
                }
            }
            if (attributes.has("panelsJSON")) {
                Set<String> refs = new HashSet<>();
                object.path("references").forEach(r -> refs.add(r.path("name").asText()));
                for (JsonNode panel : JSON.readTree(attributes.path("panelsJSON").asText())) {
                    assertTrue(refs.contains(panel.path("panelRefName").asText()), panel.toString());
                }
            }
        }
        assertTrue(named.containsAll(List.of("@timestamp", "alert", "key", "outcome", "message.keyword")), named.toString());
        for (String field : named) {
            assertTrue(mapped.contains(field), "field \"" + field + "\" is mapped by the template: " + mapped);
        }
    }

    /** The dotted names of {@code properties}, their multi-fields among them. */
    private static void fields(String prefix, JsonNode properties, Set<String> names) {
        properties.fields().forEachRemaining(e -> {
            String name = prefix + e.getKey();
            if (e.getValue().has("properties")) {
                fields(name + ".", e.getValue().path("properties"), names);
            } else {
                names.add(name);
                e.getValue().path("fields").fieldNames().forEachRemaining(sub -> names.add(name + "." + sub));
            }
        });
    }
}
