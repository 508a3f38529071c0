package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Durations;
import io.alertas.spi.Param;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * At least {@code threshold} events per group in the window, or in the sliding {@code timeframe} ending at
 * the window's end. With a timeframe, a group that fired counts only events after the end of the window it
 * fired in (kept in the alert's memory), so no event makes two firings.
 */
final class Frequency extends GroupedRule {

    static final Meaning MEANING = Meaning.of(Frequency::new)
            .reads(Declaration.integer("threshold", "events per group that fire").atLeast(1).byDefault(1))
            .reads(Declaration.duration("timeframe", "the sliding period events are counted over, ending at the window's end"));

    private static final String SINCE = "rule_since";

    Frequency(Settings settings, List<Param> params) {
        super(settings, params);
    }

    private boolean sliding() {
        return settings.has("timeframe");
    }

    @Override
    Instant from(AlertContext context) {
        return readFrom(context, "timeframe");
    }

    @Override
    ObjectNode groupAggs(AlertContext context) {
        ObjectNode aggs = Rules.JSON.createObjectNode();
        TreeSet<String> checkpoints = new TreeSet<>();
        Instant from = from(context);
        context.memory().path("fired").forEach(at -> {
            if (Instant.parse(at.asText()).isAfter(from)) {
                checkpoints.add(at.asText());
            }
        });
        if (!checkpoints.isEmpty()) {
            ObjectNode range = aggs.putObject(SINCE).putObject("date_range")
                    .put("field", settings.timestampField()).put("format", "strict_date_optional_time");
            ArrayNode ranges = range.putArray("ranges");
            checkpoints.forEach(at -> ranges.addObject().put("key", at).put("from", at));
        }
        return aggs;
    }

    @Override
    long minDocCount(AlertContext context) {
        return context.integer(settings.param("threshold"));
    }

    @Override
    Group judge(Bucket bucket, AlertContext context) {
        long threshold = context.integer(settings.param("threshold"));
        long count = bucket.docCount();
        JsonNode firedAt = context.memory().path("fired").path(bucket.key());
        if (firedAt.isTextual()) {
            for (JsonNode since : bucket.node().path(SINCE).path("buckets")) {
                if (since.path("key").asText().equals(firedAt.asText())) {
                    count = since.path("doc_count").asLong();
                }
            }
        }
        if (count < threshold) {
            return null;
        }
        return Group.of(bucket, count, count, Double.NaN, Format.events(count) + in(context) + " (at least " + threshold + ")");
    }

    @Override
    String summary(AlertContext context) {
        return Format.events(context.integer(settings.param("threshold"))).replaceFirst("^(\\d+) ", "$1 or more ")
                + in(context) + per();
    }

    /** " in 10m" with a timeframe; nothing without. */
    private String in(AlertContext context) {
        return sliding() ? " in " + Durations.format(context.duration(settings.param("timeframe"))) : "";
    }

    /** With a timeframe: per group that fired, the end of the window it fired in, while it is within the timeframe. */
    @Override
    JsonNode remember(List<Bucket> buckets, List<Group> fired, AlertContext context) {
        if (!sliding()) {
            return null;
        }
        Instant end = context.window().end();
        Instant forget = end.minus(context.duration(settings.param("timeframe")));
        ObjectNode memory = Rules.JSON.createObjectNode();
        ObjectNode firedAt = memory.putObject("fired");
        context.memory().path("fired").fields().forEachRemaining(e -> {
            if (Instant.parse(e.getValue().asText()).isAfter(forget)) {
                firedAt.set(e.getKey(), e.getValue());
            }
        });
        fired.forEach(group -> firedAt.put(group.key(), end.toString()));
        return memory;
    }
}
