package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.AlertContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The checked settings of one rule that shape its query and its words; the numbers are params, read per pass. */
final class Settings {

    private final RuleType type;
    private final Map<String, JsonNode> values;
    private final BiFunction<Group, AlertContext, String> describe;
    private final Function<AlertContext, String> summary;
    private final Map<String, String> paramNames;

    Settings(RuleType type, Map<String, JsonNode> values, BiFunction<Group, AlertContext, String> describe,
            Function<AlertContext, String> summary, Map<String, String> paramNames) {
        this.type = type;
        this.values = new LinkedHashMap<>();
        values.forEach((k, v) -> this.values.put(k, v.deepCopy()));
        this.describe = describe;
        this.summary = summary;
        this.paramNames = Map.copyOf(paramNames);
    }

    RuleType type() {
        return type;
    }

    JsonNode filter() {
        return node("filter");
    }

    JsonNode match() {
        return node("match");
    }

    JsonNode aggs() {
        return node("aggs");
    }

    List<String> groupBy() {
        JsonNode value = values.get("group_by");
        List<String> fields = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(f -> fields.add(f.asText()));
        } else if (value != null) {
            fields.add(value.asText());
        }
        return fields;
    }

    String timestampField() {
        return text("timestamp_field", "@timestamp");
    }

    int size() {
        return values.containsKey("size") ? values.get("size").asInt() : 1000;
    }

    String field() {
        return text("field", "");
    }

    String metric() {
        return text("metric", "avg");
    }

    double percentile() {
        return values.containsKey("percentile") ? values.get("percentile").asDouble() : 0;
    }

    String direction() {
        return text("direction", "up");
    }

    /** How the bound is given: {@code "above"}, {@code "below"}, {@code "at_least"} or {@code "at_most"}. */
    String bound() {
        return Meaning.BOUNDS.stream().filter(values::containsKey).findFirst().orElse("above");
    }

    /**
     * Whether {@code value} is past the bound {@code bound} the way the rule says. A value within a float's
     * precision of the bound is the bound: Elasticsearch keeps {@code float} fields in single precision, so
     * a document's 0.9 comes back from an aggregation as 0.8999999761581421.
     */
    boolean past(double value, double bound) {
        int order = Math.abs(value - bound) <= Math.ulp((float) bound) ? 0 : Double.compare(value, bound);
        return switch (bound()) {
            case "below" -> order < 0;
            case "at_least" -> order >= 0;
            case "at_most" -> order <= 0;
            default -> order > 0;
        };
    }

    /** The name of the param a setting is read from: the setting's own, or the one the alert bound it to. */
    String param(String setting) {
        return paramNames.getOrDefault(setting, setting);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The summary given, or {@code fallback}. */
    String summary(AlertContext context, String fallback) {
        return summary != null ? summary.apply(context) : text("summary", fallback);
    }

    /** The finding's words: those of the rule's {@code describe}, or the rule's own. */
    String describe(Group group, AlertContext context) {
        return describe == null ? group.text() : describe.apply(group, context);
    }

    /** What the metric reads, such as "avg of system.cpu.total.norm.pct" or "95th percentile of latency". */
    String measured() {
        String metric = metric().equals("percentile") ? Format.number(percentile()) + "th percentile" : metric();
        return metric + " of " + field();
    }

    private JsonNode node(String key) {
        JsonNode value = values.get(key);
        return value == null ? null : value.deepCopy();
    }

    private String text(String key, String fallback) {
        JsonNode value = values.get(key);
        return value == null ? fallback : value.asText();
    }
}
