package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Param;
import java.util.List;
import java.util.Locale;

/**
 * A number per group against a bound, above or below: the distinct values of a field (cardinality), a
 * metric of a field (metric), or the share of events that match a clause, in percent (percentage_match).
 * Only groups with events in the window are judged.
 */
final class Bounded extends GroupedRule {

    private static final String VALUE = "rule_value";
    private static final String MATCHING = "rule_matching";

    Bounded(Settings settings, List<Param> params) {
        super(settings, params);
    }

    @Override
    ObjectNode groupAggs(AlertContext context) {
        ObjectNode aggs = Rules.JSON.createObjectNode();
        switch (settings.type()) {
            case CARDINALITY -> aggs.putObject(VALUE).putObject("cardinality").put("field", settings.field());
            case METRIC -> aggs.set(VALUE, Grouping.metric(settings));
            default -> aggs.putObject(MATCHING).set("filter", settings.match());
        }
        return aggs;
    }

    @Override
    Group judge(Bucket bucket, AlertContext context) {
        long count = bucket.docCount();
        double value;
        if (settings.type() == RuleType.PERCENTAGE_MATCH) {
            if (count == 0 || count < context.integer(settings.param("min_count"))) {
                return null;
            }
            value = bucket.node().path(MATCHING).path("doc_count").asLong() * 100.0 / count;
        } else {
            value = Grouping.value(bucket.node().path(VALUE));
        }
        double bound = context.number(settings.param("threshold"));
        if (Double.isNaN(value) || !settings.past(value, bound)) {
            return null;
        }
        String against = " (" + settings.bound().replace('_', ' ') + " " + Format.number(bound) + unit() + ")";
        String text = switch (settings.type()) {
            case CARDINALITY -> Format.number(value) + " distinct " + settings.field() + " in " + Format.events(count);
            case METRIC -> settings.measured() + " " + Format.number(value) + " over " + Format.events(count);
            default -> Format.number(value) + " % of " + Format.events(count) + " match";
        };
        return Group.of(bucket, count, value, Double.NaN, text + against);
    }

    private String unit() {
        return settings.type() == RuleType.PERCENTAGE_MATCH ? " %" : "";
    }

    @Override
    String summary(AlertContext context) {
        String what = switch (settings.type()) {
            case CARDINALITY -> "Distinct " + settings.field();
            case METRIC -> settings.measured().substring(0, 1).toUpperCase(Locale.ROOT) + settings.measured().substring(1);
            default -> "Share of matching events";
        };
        return what + " " + settings.bound().replace('_', ' ') + " " + Format.number(context.number(settings.param("threshold"))) + unit() + per();
    }
}
