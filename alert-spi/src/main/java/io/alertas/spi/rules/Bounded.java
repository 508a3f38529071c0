package io.alertas.spi.rules;

import io.alertas.spi.AlertContext;
import io.alertas.spi.Param;
import java.util.List;

/**
 * A number per group against a bound, above or below: the distinct values of a field ({@link Cardinality}), a
 * metric of a field ({@link Metric}), or the share of events that match a clause ({@link PercentageMatch}).
 * Only groups with events in the window are judged.
 */
abstract class Bounded extends GroupedRule {

    static final String VALUE = "rule_value";

    Bounded(Settings settings, List<Param> params) {
        super(settings, params);
    }

    /** The group's number; NaN when the group is not judged. */
    double measure(Bucket bucket, AlertContext context) {
        return Grouping.value(bucket.node().path(VALUE));
    }

    /** The group's number in words, such as "12 distinct user.name in 40 events". */
    abstract String text(double value, long count);

    /** What is measured, at the message's start, such as "Distinct user.name". */
    abstract String what();

    /** What follows the bound in messages. */
    String unit() {
        return "";
    }

    @Override
    Group judge(Bucket bucket, AlertContext context) {
        double value = measure(bucket, context);
        if (Double.isNaN(value)) {
            return null;
        }
        double bound = context.number(settings.param("threshold"));
        if (!settings.past(value, bound)) {
            return null;
        }
        String against = " (" + settings.bound().replace('_', ' ') + " " + Format.number(bound) + unit() + ")";
        return Group.of(bucket, bucket.docCount(), value, Double.NaN, text(value, bucket.docCount()) + against);
    }

    @Override
    String summary(AlertContext context) {
        return what() + " " + settings.bound().replace('_', ' ') + " "
                + Format.number(context.number(settings.param("threshold"))) + unit() + per();
    }
}
