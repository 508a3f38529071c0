package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.correlation.Correlation;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Durations;
import io.alertas.spi.rules.Rules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Sigma correlation rule as an alert on the rule types: {@code event_count} is a frequency rule (threshold over a
 * sliding timeframe of the timespan), {@code value_count} a cardinality rule, {@code temporal} and
 * {@code temporal_ordered} a search of the timespan grouped by the group-by fields with one filter per referenced
 * rule ({@link TemporalEvaluator}). The referenced rules stay alerts of their own only where the correlation says
 * {@code generate: true}, as the Sigma specification has it.
 */
final class CorrelationAlerts {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The correlation's alert, and the names of the referenced rules' alerts it replaces. */
    record Made(AlertDefinition alert, Set<String> hidden) {
    }

    private CorrelationAlerts() {
    }

    static Optional<Made> of(RuleSet.Read read, RuleSet set, RuleOverride override, Skips skips) {
        try {
            Made made = make(read, set, override);
            skips.loaded();
            return Optional.of(made);
        } catch (SigmaException e) {
            skips.add(read.where(), e.reason().toString(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            skips.add(read.where(), Reason.INVALID.toString(), e.getMessage() == null ? e.getClass().getSimpleName()
                    : Text.line(e.getMessage()));
        }
        return Optional.empty();
    }

    private static Made make(RuleSet.Read read, RuleSet set, RuleOverride override) throws SigmaException {
        Correlation correlation = Correlation.of(read.rule());
        Map<String, RuleSet.Read> references = set.references();
        List<RuleSet.Converted> referenced = new ArrayList<>();
        Set<String> hidden = new LinkedHashSet<>();
        for (String reference : correlation.rules()) {
            RuleSet.Read rule = references.get(reference);
            if (rule == null) {
                throw new SigmaException(Reason.UNSUPPORTED_CORRELATION, "refers to \"" + Text.line(reference)
                        + "\", which is no detection rule read (a correlation of correlations is not supported)");
            }
            referenced.add(set.convert(rule).orElseThrow(() -> new SigmaException(Reason.UNSUPPORTED_CORRELATION,
                    "refers to " + rule.name() + ", which is skipped")));
            hidden.add(rule.name());
        }
        if (read.rule().correlation().path("generate").asBoolean(false)) {
            hidden.clear();
        }
        if (correlation.timespan().isNegative() || correlation.timespan().isZero()
                || correlation.timespan().compareTo(Durations.MAX) > 0) {
            throw new SigmaException(Reason.INVALID, "the timespan must be longer than 0 and at most "
                    + Durations.format(Durations.MAX));
        }
        if (correlation.groupBy().isEmpty()) {
            throw new SigmaException(Reason.UNSUPPORTED_CORRELATION, "has no group-by; give the fields to correlate on");
        }
        List<String> groupBy = new ArrayList<>();
        for (String field : correlation.groupBy()) {
            groupBy.add(mapped(field, referenced.get(0)));
        }
        Set<String> indexes = new LinkedHashSet<>();
        referenced.forEach(r -> indexes.add(r.target().index()));
        AlertDefinition.Builder alert = AlertDefinition.builder(read.name()).index(String.join(",", indexes));
        String message = RuleText.message(read.rule());
        Correlation.Condition condition = correlation.condition();
        switch (correlation.type()) {
            case EVENT_COUNT -> alert.rule(Rules.frequency().groupBy(groupBy.toArray(String[]::new))
                    .filter(anyOf(referenced).toString()).timeframe(correlation.timespan())
                    .threshold(atLeast(condition)).summary(message).build());
            case VALUE_COUNT -> {
                Rules.Builder cardinality = Rules.cardinality().groupBy(groupBy.toArray(String[]::new))
                        .filter(anyOf(referenced).toString()).field(mapped(correlation.field(), referenced.get(0)))
                        .summary(message);
                alert.rule(bound(cardinality, condition).build());
            }
            case TEMPORAL, TEMPORAL_ORDERED -> {
                boolean ordered = correlation.type() == Correlation.Type.TEMPORAL_ORDERED;
                alert.rule(new TemporalEvaluator(message, referenced, groupBy, correlation.timespan(),
                        condition == null ? referenced.size() : atLeast(condition), ordered));
            }
            default -> throw new SigmaException(Reason.UNSUPPORTED_CORRELATION, "type " + correlation.type());
        }
        return new Made(SigmaAlerts.settings(alert, read.rule(), override).build(), hidden);
    }

    /** A Sigma field of a group-by or a count as the referenced rule's mapping writes it. */
    private static String mapped(String field, RuleSet.Converted rule) throws SigmaException {
        List<String> targets = rule.target().fields().targets(field);
        if (targets.isEmpty()) {
            throw new SigmaException(Reason.UNMAPPED_FIELD, "no mapping knows the field \"" + Text.line(field) + "\"");
        }
        return targets.get(0);
    }

    /** The events of any of the referenced rules, each with its log source's filters. */
    static JsonNode anyOf(List<RuleSet.Converted> rules) {
        ObjectNode any = JSON.objectNode();
        ArrayNode should = any.putObject("bool").putArray("should");
        rules.forEach(r -> should.add(matching(r)));
        ((ObjectNode) any.get("bool")).put("minimum_should_match", 1);
        return any;
    }

    /** The events one referenced rule matches. */
    static JsonNode matching(RuleSet.Converted rule) {
        ObjectNode match = JSON.objectNode();
        ArrayNode filter = match.putObject("bool").putArray("filter");
        rule.target().filters().forEach(filter::add);
        filter.add(rule.conversion().query());
        return match;
    }

    /** The least count that fires: {@code gte N} is N, {@code gt N} is N + 1; a bound from above cannot fire on events. */
    private static long atLeast(Correlation.Condition condition) throws SigmaException {
        if (condition != null && condition.operator().equals("gte")) {
            return Math.max(1, condition.value());
        }
        if (condition != null && condition.operator().equals("gt") && condition.value() < Long.MAX_VALUE) {
            return Math.max(1, condition.value() + 1);
        }
        throw new SigmaException(Reason.UNSUPPORTED_CORRELATION, "the condition must be gte or gt a count, not "
                + (condition == null ? "missing" : condition.operator() + " " + condition.value()));
    }

    private static Rules.Builder bound(Rules.Builder rule, Correlation.Condition condition) throws SigmaException {
        return switch (condition == null ? "" : condition.operator()) {
            case "gt" -> rule.above(condition.value());
            case "gte" -> rule.atLeast(condition.value());
            case "lt" -> rule.below(condition.value());
            case "lte" -> rule.atMost(condition.value());
            default -> throw new SigmaException(Reason.UNSUPPORTED_CORRELATION, "the condition of a value_count must be"
                    + " gt, gte, lt or lte a count");
        };
    }
}
