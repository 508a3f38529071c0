package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Durations;
import io.alertas.spi.Param;
import java.time.Instant;
import java.util.List;

/**
 * Fewer than {@code threshold} events per group in the window. With a {@code lookback}, the groups seen in
 * that period before the window's end are expected too, so one that fell silent fires with no events.
 */
final class Flatline extends GroupedRule {

    static final Meaning MEANING = Meaning.of(Flatline::new)
            .reads(Declaration.integer("threshold", "a group with fewer events than this in the window fires")
                    .atLeast(1).byDefault(1))
            .reads(Declaration.duration("lookback", "groups seen in this period before the window's end are expected"));

    private static final String CURRENT = "rule_current";

    Flatline(Settings settings, List<Param> params) {
        super(settings, params);
    }

    private boolean looksBack() {
        return settings.has("lookback");
    }

    @Override
    Instant from(AlertContext context) {
        return readFrom(context, "lookback");
    }

    @Override
    ObjectNode groupAggs(AlertContext context) {
        ObjectNode aggs = Rules.JSON.createObjectNode();
        if (looksBack()) {
            aggs.set(CURRENT, Grouping.between(settings, context.window().start(), context.window().end()));
        }
        return aggs;
    }

    @Override
    Group judge(Bucket bucket, AlertContext context) {
        long count = looksBack() ? bucket.node().path(CURRENT).path("doc_count").asLong() : bucket.docCount();
        long threshold = context.integer(settings.param("threshold"));
        if (count >= threshold) {
            return null;
        }
        String text = count == 0 ? "no events in the window" : Format.events(count) + " in the window (fewer than " + threshold + ")";
        if (looksBack() && count == 0) {
            text += ", though seen in the " + Durations.format(context.duration(settings.param("lookback"))) + " before";
        }
        return Group.of(bucket, count, count, Double.NaN, text);
    }

    @Override
    String summary(AlertContext context) {
        long threshold = context.integer(settings.param("threshold"));
        return (threshold == 1 ? "No events" : "Fewer than " + Format.events(threshold)) + " in the window" + per();
    }
}
