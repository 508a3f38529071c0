package io.alertas.spi.rules;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The shape each setting that is not read from a param must have, checked when it is set, whatever the rule
 * type: a search clause, field names, a whole number in a range, one of some words.
 */
final class SettingShapes {

    static final int MAX_GROUP_FIELDS = 4;

    private SettingShapes() {
    }

    /**
     * @throws IllegalArgumentException naming the setting as files write it, when {@code value} does not fit
     */
    static void check(String key, JsonNode value) {
        switch (key) {
            case "filter", "match" -> object(key, value);
            case "group_by" -> groupBy(value);
            case "timestamp_field", "field", "summary" -> text(key, value);
            case "size" -> whole(key, value, 1, 10_000);
            case "direction" -> oneOf(key, value, "up", "down", "both");
            case "metric" -> oneOf(key, value, "avg", "min", "max", "sum", "percentile");
            case "percentile" -> {
                if (!value.isNumber() || value.asDouble() <= 0 || value.asDouble() > 100) {
                    throw new IllegalArgumentException("\"percentile\" must be a number above 0 and at most 100");
                }
            }
            case "aggs" -> aggregations(value);
            default -> throw new IllegalStateException("\"" + key + "\" has no shape; give it one here");
        }
    }

    /** {@code json} as a tree, the setting {@code key} given as text. */
    static JsonNode parse(String key, String json) {
        try {
            return Rules.JSON.readTree(requireNonNull(json, key + " is null"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("\"" + key + "\" is not JSON: "
                    + e.getOriginalMessage().replaceAll("\\s*\\(start marker.*", "")
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private static void object(String key, JsonNode value) {
        if (!value.isObject() || value.isEmpty()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a search clause, such as {\"term\": {\"event.code\": \"4625\"}}");
        }
    }

    private static void text(String key, JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a non-empty string");
        }
    }

    private static void whole(String key, JsonNode value, int min, int max) {
        if (!value.canConvertToInt() || value.asDouble() != Math.rint(value.asDouble())
                || value.asInt() < min || value.asInt() > max) {
            throw new IllegalArgumentException("\"" + key + "\" must be a whole number from " + min + " to " + max);
        }
    }

    private static void oneOf(String key, JsonNode value, String... options) {
        if (!value.isTextual() || !List.of(options).contains(value.asText())) {
            throw new IllegalArgumentException("\"" + key + "\" must be one of \"" + String.join("\", \"", options) + "\"");
        }
    }

    private static void groupBy(JsonNode value) {
        List<JsonNode> fields = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(fields::add);
        } else {
            fields.add(value);
        }
        if (fields.isEmpty() || fields.size() > MAX_GROUP_FIELDS
                || fields.stream().anyMatch(f -> !f.isTextual() || f.asText().isBlank())) {
            throw new IllegalArgumentException("\"group_by\" takes 1 to " + MAX_GROUP_FIELDS + " field names");
        }
        if (fields.stream().map(JsonNode::asText).distinct().count() < fields.size()) {
            throw new IllegalArgumentException("\"group_by\" names a field twice");
        }
    }

    private static void aggregations(JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("\"aggs\" must be an object of named sub-aggregations");
        }
        Set<String> reserved = Grouping.RESERVED;
        value.fields().forEachRemaining(e -> {
            if (reserved.stream().anyMatch(e.getKey()::startsWith)) {
                throw new IllegalArgumentException("\"aggs\": the name \"" + e.getKey() + "\" is the rule's own; names starting with "
                        + String.join(" or ", reserved) + " are taken");
            }
            if (!e.getValue().isObject()) {
                throw new IllegalArgumentException("\"aggs\": \"" + e.getKey() + "\" must be an aggregation, a JSON object");
            }
        });
    }
}
