package io.alertas.sigma.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The query clause that picks out a log source's events: its channel (a term, case-insensitive, as channel names
 * differ in case between sources) and event IDs (terms of strings, as Winlogbeat 8 writes them as keywords); several
 * channels are alternatives.
 */
final class EventFilters {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EventFilters() {
    }

    static JsonNode clause(List<MappingFile.Events> events, String channelField, String eventIdField) {
        if (events.size() == 1) {
            return clause(events.get(0), channelField, eventIdField);
        }
        ObjectNode bool = JSON.objectNode();
        ArrayNode should = bool.putArray("should");
        events.forEach(one -> should.add(clause(one, channelField, eventIdField)));
        bool.put("minimum_should_match", 1);
        return wrap("bool", bool);
    }

    private static JsonNode clause(MappingFile.Events events, String channelField, String eventIdField) {
        ObjectNode term = JSON.objectNode();
        term.putObject(channelField).put("value", events.channel()).put("case_insensitive", true);
        JsonNode channel = wrap("term", term);
        if (events.ids().isEmpty()) {
            return channel;
        }
        ObjectNode terms = JSON.objectNode();
        ArrayNode ids = terms.putArray(eventIdField);
        events.ids().forEach(ids::add);
        ObjectNode bool = JSON.objectNode();
        bool.putArray("filter").add(channel).add(wrap("terms", terms));
        return wrap("bool", bool);
    }

    private static JsonNode wrap(String name, JsonNode body) {
        ObjectNode node = JSON.objectNode();
        node.set(name, body);
        return node;
    }
}
