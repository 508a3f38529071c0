package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Durations;
import io.alertas.spi.Param;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The count (or a metric) per group in the window against the {@code reference} period before it, up or down
 * by {@code factor}. Counts and sums of the reference are scaled to the window's length, so a catch-up window
 * after an outage is compared with a reference of its own length; averages, minima, maxima and percentiles
 * are compared as they are. Groups with fewer than {@code min_count} events never fire.
 */
final class Spike extends GroupedRule {

    static final Meaning MEANING = Meaning.of(Spike::new)
            .reads(Declaration.number("factor", "how many times the reference makes a spike").atLeast(1).byDefault(3.0))
            .reads(Declaration.duration("reference", "the period before the window it is compared with")
                    .byDefault(Duration.ofHours(1)))
            .reads(Declaration.integer("min_count", "fewer events than this never fire").atLeast(0).byDefault(10))
            .takes("direction", "field", "metric")
            .check(given -> given.contains("metric") == given.contains("field"),
                    "a spike of a metric needs both \"field\" and \"metric\"");

    private static final String CURRENT = "rule_current";
    private static final String REFERENCE = "rule_reference";
    private static final String VALUE = "rule_value";

    Spike(Settings settings, List<Param> params) {
        super(settings, params);
    }

    private boolean ofMetric() {
        return settings.has("metric");
    }

    @Override
    Instant from(AlertContext context) {
        return context.window().start().minus(context.duration(settings.param("reference")));
    }

    @Override
    ObjectNode groupAggs(AlertContext context) {
        Instant start = context.window().start();
        ObjectNode aggs = Rules.JSON.createObjectNode();
        ObjectNode current = Grouping.between(settings, start, context.window().end());
        ObjectNode reference = Grouping.between(settings, from(context), start);
        if (ofMetric()) {
            current.putObject("aggs").set(VALUE, Grouping.metric(settings));
            reference.putObject("aggs").set(VALUE, Grouping.metric(settings));
        }
        aggs.set(CURRENT, current);
        aggs.set(REFERENCE, reference);
        return aggs;
    }

    @Override
    Group judge(Bucket bucket, AlertContext context) {
        JsonNode current = bucket.node().path(CURRENT);
        JsonNode reference = bucket.node().path(REFERENCE);
        long currentCount = current.path("doc_count").asLong();
        long referenceCount = reference.path("doc_count").asLong();
        double scale = (double) Math.max(1, context.window().length().toMillis())
                / Math.max(1, context.duration(settings.param("reference")).toMillis());
        double now;
        double before;
        if (ofMetric()) {
            now = Grouping.value(current.path(VALUE));
            before = Grouping.value(reference.path(VALUE)) * (scaled() ? scale : 1);
        } else {
            now = currentCount;
            before = referenceCount * scale;
        }
        double factor = context.number(settings.param("factor"));
        long minCount = context.integer(settings.param("min_count"));
        String direction = settings.direction();
        boolean up = !direction.equals("down") && currentCount >= minCount && !Double.isNaN(now)
                && (before > 0 ? now > factor * before : !ofMetric() && now > 0);
        boolean down = !direction.equals("up") && referenceCount >= minCount && !Double.isNaN(before) && before > 0
                && (Double.isNaN(now) ? 0 : now) < before / factor;
        if (!up && !down) {
            return null;
        }
        return Group.of(bucket, currentCount, now, before, text(context, now, before, up));
    }

    private String text(AlertContext context, double now, double before, boolean up) {
        String what = ofMetric() ? settings.measured() + " " : "";
        String measured = ofMetric() ? Format.number(now) : Format.events((long) now);
        String reference = Durations.format(context.duration(settings.param("reference")));
        if (before == 0) {
            return what + measured + ", none in the " + reference + " before";
        }
        String change = up ? Format.number(now / before) + "×"
                : now <= 0 ? "down to none" : "down " + Format.number(before / now) + "×";
        return what + measured + " against " + Format.number(before) + (scaled() ? " in a window as long" : "")
                + " in the " + reference + " before (" + change + ")";
    }

    /** Whether the reference is scaled to the window's length: for counts and sums, not for averages or extremes. */
    private boolean scaled() {
        return !ofMetric() || settings.metric().equals("sum");
    }

    @Override
    String summary(AlertContext context) {
        String what = ofMetric() ? settings.measured() : "Event count";
        String direction = switch (settings.direction()) {
            case "down" -> "down";
            case "both" -> "up or down";
            default -> "up";
        };
        Duration reference = context.duration(settings.param("reference"));
        return what + " " + direction + " " + Format.number(context.number(settings.param("factor"))) + "× against the "
                + Durations.format(reference) + " before" + per();
    }
}
