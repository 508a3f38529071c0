package io.alertas.sigma.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.Texts;
import io.alertas.sigma.rule.SigmaRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Sigma correlation rule: what it counts ({@code type}), over which rules (by name or id), per which fields,
 * within which timespan, and the condition on the count. {@code field} is the counted field of a
 * {@code value_count}, empty otherwise. For {@code temporal} and {@code temporal_ordered} the count is of distinct
 * rules matched, and a rule without a condition gets {@code gte} the number of its rules (all of them).
 *
 * <p>A correlation only counts the matches of the rules it names; whether those rules also alert on their own is
 * Sigma's {@code generate} (default false), left to whoever runs them. {@code temporal_ordered} asks that the rules
 * match in the order listed.
 */
public record Correlation(Type type, List<String> rules, List<String> groupBy, Duration timespan, String field,
        Condition condition) {

    /** The correlation types of the Sigma specification. */
    public enum Type { EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED }

    /** The condition on the count: {@code operator} is gt, gte, lt, lte or eq. */
    public record Condition(String operator, long value) {
    }

    private static final List<String> OPERATORS = List.of("gt", "gte", "lt", "lte", "eq");

    public Correlation {
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
    }

    /**
     * The correlation of {@code rule}, which must be a correlation rule.
     *
     * @throws SigmaException UNSUPPORTED_CORRELATION for a type Sigma does not define, INVALID when a part is
     *         missing or of the wrong shape; the message names the part
     */
    public static Correlation of(SigmaRule rule) throws SigmaException {
        JsonNode correlation = rule.correlation();
        if (correlation == null || !correlation.isObject()) {
            throw invalid("the rule has no \"correlation\" mapping");
        }
        String typeName = correlation.path("type").asText("");
        Type type;
        try {
            type = Type.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SigmaException(Reason.UNSUPPORTED_CORRELATION, "the correlation type " + Texts.quote(typeName)
                    + " is not one of event_count, value_count, temporal, temporal_ordered");
        }
        List<String> rules = texts(correlation, "rules");
        if (rules.isEmpty()) {
            throw invalid("\"correlation\" names no \"rules\"");
        }
        List<String> groupBy = texts(correlation, "group-by");
        Duration timespan = Timespans.parse(correlation.path("timespan"));
        JsonNode conditionNode = correlation.path("condition");
        String field = correlation.path("field").asText(conditionNode.path("field").asText(""));
        if (type == Type.VALUE_COUNT && field.isEmpty()) {
            throw invalid("a value_count correlation needs the \"field\" whose distinct values it counts");
        }
        Condition condition;
        if (conditionNode.isMissingNode() || conditionNode.isNull()) {
            if (type == Type.EVENT_COUNT || type == Type.VALUE_COUNT) {
                throw invalid("an " + typeName + " correlation needs a \"condition\" like {gte: 10}");
            }
            condition = new Condition("gte", rules.size());
        } else {
            condition = condition(conditionNode);
        }
        return new Correlation(type, rules, groupBy, timespan, type == Type.VALUE_COUNT ? field : "", condition);
    }

    private static Condition condition(JsonNode node) throws SigmaException {
        if (!node.isObject()) {
            throw invalid("\"condition\" must be a mapping like {gte: 10}");
        }
        Condition found = null;
        for (String operator : OPERATORS) {
            JsonNode value = node.get(operator);
            if (value == null) {
                continue;
            }
            if (found != null) {
                throw invalid("\"condition\" gives more than one of gt, gte, lt, lte, eq");
            }
            if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
                if (!value.isTextual() || !value.asText().matches("[0-9]{1,18}")) {
                    throw invalid("\"condition\"'s " + operator + " must be a count, not " + Texts.quote(value.asText()));
                }
            }
            found = new Condition(operator, Long.parseLong(value.asText().replaceAll("\\.0+$", "")));
        }
        if (found == null) {
            throw invalid("\"condition\" gives none of gt, gte, lt, lte, eq");
        }
        return found;
    }

    private static List<String> texts(JsonNode correlation, String key) throws SigmaException {
        JsonNode node = correlation.path(key);
        List<String> texts = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return texts;
        }
        if (node.isValueNode()) {
            texts.add(node.asText());
            return texts;
        }
        if (!node.isArray()) {
            throw invalid("\"" + key + "\" must be a list of texts");
        }
        for (JsonNode element : node) {
            if (!element.isValueNode() || element.isNull()) {
                throw invalid("\"" + key + "\" must be a list of texts");
            }
            texts.add(element.asText());
        }
        return texts;
    }

    static SigmaException invalid(String message) {
        return new SigmaException(Reason.INVALID, message);
    }
}
