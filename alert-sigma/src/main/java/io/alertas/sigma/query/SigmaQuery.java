package io.alertas.sigma.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.condition.Detections;
import io.alertas.sigma.mapping.FieldMap;
import io.alertas.sigma.rule.SigmaRule;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Sigma detection as an Elasticsearch query, in the part of the DSL that Elasticsearch 7.17 to 9 and OpenSearch
 * 2 and 3 all take alike: term, prefix, wildcard, regexp, range, exists and bool. Text matches regardless of case
 * ({@code case_insensitive: true}) unless the rule says {@code |cased}; every Sigma field goes through the
 * {@link FieldMap}, but keywords (values without a field), which search the event's {@code message} as Sigma says.
 * A regular expression minds case unless {@code |i} or {@code (?i)}, as the Sigma specification says.
 */
public final class SigmaQuery {

    private SigmaQuery() {
    }

    /**
     * A detection converted: {@code query} (one JSON object, to go into a {@code bool} filter) matches the events
     * the detection matches, but for what a query cannot say, which {@code hitCheck} says of each hit's
     * {@code _source} (a {@code |fieldref} compares two fields of one event); {@code hitCheck} accepts every hit
     * of a rule without such a part.
     */
    public record Conversion(JsonNode query, Predicate<JsonNode> hitCheck) {
    }

    /**
     * {@code rule}'s detection converted, its fields mapped by {@code fields}; {@code placeholders} gives the values
     * of {@code |expand} placeholders by name.
     *
     * @throws SigmaException when the rule uses what cannot be converted, with the reason and a one-line message
     *         that names the construct (the caller names the rule)
     */
    public static Conversion convert(SigmaRule rule, FieldMap fields, Map<String, List<String>> placeholders)
            throws SigmaException {
        if (rule.detection() == null) {
            throw new SigmaException(Reason.INVALID, "a correlation rule has no detection to convert");
        }
        Context context = new Context(fields, placeholders);
        JsonNode query = new ConditionQuery(rule.detection(), context).query(Detections.condition(rule.detection()), true);
        return new Conversion(query, context.hitCheck());
    }
}
