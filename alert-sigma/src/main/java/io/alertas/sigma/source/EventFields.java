package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A field of an event's {@code _source} by its dotted name, whether the document nests objects or writes dotted keys. */
final class EventFields {

    private EventFields() {
    }

    /** The value of {@code field} as text (a list's values joined by ", "), or null when the event lacks it. */
    static String text(JsonNode source, String field) {
        JsonNode value = find(source, field.split("\\."), 0);
        if (value == null || value.isNull() || value.isContainerNode() && value.isEmpty()) {
            return null;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
            return String.join(", ", items);
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.isBlank() ? null : text;
    }

    private static JsonNode find(JsonNode node, String[] parts, int from) {
        if (from == parts.length) {
            return node;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        for (int end = parts.length; end > from; end--) {
            JsonNode child = node.get(String.join(".", java.util.Arrays.asList(parts).subList(from, end)));
            if (child != null) {
                JsonNode found = find(child, parts, end);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
