package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.Placeholders;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Evaluator;
import io.alertas.spi.Finding;
import io.alertas.spi.Responses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The evaluator of an alert defined in JSON: a condition on one value of the answer, or on one value of
 * each bucket of an aggregation (each bucket that passes is a finding keyed by the bucket's key), and
 * messages whose {@code {{path}}} references are read from the answer or the bucket.
 */
final class JsonAlert implements Evaluator {

    static final List<String> OPERATORS = List.of("gt", "gte", "lt", "lte", "eq", "ne");

    /** {@code buckets} is null for a condition on the whole answer. */
    record Condition(String buckets, String path, String op, JsonNode value) {
    }

    private final Condition condition;
    private final String message;
    private final String summary;
    private final String key;

    JsonAlert(Condition condition, String message, String summary, String key) {
        this.condition = condition;
        this.message = message;
        this.summary = summary;
        this.key = key;
    }

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        if (condition.buckets() == null) {
            JsonNode value = Responses.at(response, condition.path());
            return holds(value, context) ? Evaluation.fire(render(message, response, context, value, Map.of())) : Evaluation.quiet();
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode bucket : buckets(Responses.at(response, condition.buckets()))) {
            JsonNode value = Responses.at(bucket, condition.path());
            if (holds(value, context)) {
                String name = render(key, bucket, context, value, Map.of());
                findings.add(Finding.of(name.isBlank() ? "(no key)" : name, render(message, bucket, context, value, Map.of())));
            }
        }
        return Evaluation.fire(render(summary, response, context, null, Map.of("count", String.valueOf(findings.size()))),
                findings);
    }

    /** The param that a condition's {@code "{{params.NAME}}"} value names, or null when it names none. */
    static String param(JsonNode value) {
        return Placeholders.whole(value.asText()).filter(name -> name.startsWith("params."))
                .map(name -> name.substring("params.".length())).orElse(null);
    }

    private boolean holds(JsonNode value, AlertContext context) {
        String param = condition.value().isTextual() ? param(condition.value()) : null;
        JsonNode expected = param == null ? condition.value() : context.param(param);
        if (value.isMissingNode() || value.isNull()) {
            return condition.op().equals("ne");
        }
        if (value.isNumber() && expected.isNumber()) {
            int order = Double.compare(value.asDouble(), expected.asDouble());
            return switch (condition.op()) {
                case "gt" -> order > 0;
                case "gte" -> order >= 0;
                case "lt" -> order < 0;
                case "lte" -> order <= 0;
                case "eq" -> order == 0;
                default -> order != 0;
            };
        }
        boolean equal = value.asText().equals(expected.asText());
        return condition.op().equals("eq") ? equal : condition.op().equals("ne") && !equal;
    }

    /** The terms buckets (an array) or keyed buckets (an object: each value gets its field name as key). */
    private static List<JsonNode> buckets(JsonNode node) {
        List<JsonNode> buckets = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(buckets::add);
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> buckets.add(e.getValue().isObject() && !e.getValue().has("key")
                    ? ((ObjectNode) e.getValue().deepCopy()).put("key", e.getKey())
                    : e.getValue()));
        }
        return buckets;
    }

    private static String render(String template, JsonNode source, AlertContext context, JsonNode value,
            Map<String, String> extra) {
        return Placeholders.replace(template, name -> {
            if (extra.containsKey(name)) {
                return extra.get(name);
            } else if (name.equals("value") && value != null) {
                return show(value);
            } else if (name.equals("window.start")) {
                return context.window().start().toString();
            } else if (name.equals("window.end")) {
                return context.window().end().toString();
            } else if (name.startsWith("params.")) {
                return show(context.param(name.substring("params.".length())));
            } else if (name.equals("key") && source.has("key_as_string")) {
                return source.get("key_as_string").asText();
            }
            return show(Responses.at(source, name));
        });
    }

    private static String show(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "(none)";
        }
        if (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()) && Math.abs(value.asDouble()) < 1e15) {
            return String.valueOf(value.asLong());
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
