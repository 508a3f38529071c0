package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The search every grouped rule sends: its events from an instant to the window's end, in nested terms buckets. */
final class Grouping {

    /** The prefix of the aggregations a rule names itself. */
    static final Set<String> RESERVED = Set.of("rule_");
    static final String ALL = "rule_all";

    private Grouping() {
    }

    /** The name of the terms aggregation of the {@code level}-th group_by field. */
    static String level(int level) {
        return "rule_group_" + level;
    }

    /**
     * The search: events matching the filter from {@code from} (inclusive) to {@code end} (exclusive), grouped by
     * the group_by fields (or in one bucket when there are none), each group with {@code groupAggs} and the
     * rule's own sub-aggregations.
     */
    static ObjectNode query(Settings settings, Instant from, Instant end, ObjectNode groupAggs, long minDocCount) {
        ObjectNode body = Rules.JSON.createObjectNode().put("size", 0);
        body.set("query", events(settings, from, end));
        ObjectNode inner = groupAggs.deepCopy();
        if (settings.aggs() != null) {
            inner.setAll((ObjectNode) settings.aggs());
        }
        List<String> fields = settings.groupBy();
        ObjectNode aggs = body.putObject("aggs");
        if (fields.isEmpty()) {
            ObjectNode all = aggs.putObject(ALL);
            all.putObject("filter").putObject("match_all");
            if (!inner.isEmpty()) {
                all.set("aggs", inner);
            }
            return body;
        }
        ObjectNode parent = aggs;
        for (int i = 0; i < fields.size(); i++) {
            ObjectNode level = parent.putObject(level(i));
            level.putObject("terms").put("field", fields.get(i)).put("size", settings.size())
                    .put("min_doc_count", Math.max(1, minDocCount));
            if (i + 1 < fields.size()) {
                parent = level.putObject("aggs");
            } else if (!inner.isEmpty()) {
                level.set("aggs", inner);
            }
        }
        return body;
    }

    /** The query part: the filter, and the time range from {@code from} to {@code end}. */
    static ObjectNode events(Settings settings, Instant from, Instant end) {
        ObjectNode query = Rules.JSON.createObjectNode();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        if (settings.filter() != null) {
            filter.add(settings.filter());
        }
        filter.add(range(settings, from, end));
        return query;
    }

    /** A range of the timestamp field from {@code from} (inclusive) to {@code end} (exclusive). */
    static ObjectNode range(Settings settings, Instant from, Instant end) {
        ObjectNode range = Rules.JSON.createObjectNode();
        range.putObject("range").putObject(settings.timestampField())
                .put("gte", from.toString()).put("lt", end.toString()).put("format", "strict_date_optional_time");
        return range;
    }

    /** A filter aggregation of the events from {@code from} to {@code end}. */
    static ObjectNode between(Settings settings, Instant from, Instant end) {
        ObjectNode agg = Rules.JSON.createObjectNode();
        agg.set("filter", range(settings, from, end));
        return agg;
    }

    /** The value of a single-value metric aggregation, or of the first percentile; NaN when there is none. */
    static double value(JsonNode aggregation) {
        JsonNode value = aggregation.has("values") ? aggregation.path("values").elements().hasNext()
                ? aggregation.path("values").elements().next() : aggregation.path("value") : aggregation.path("value");
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    /** The metric aggregation that reads {@code field}: avg, min, max, sum or a percentile. */
    static ObjectNode metric(Settings settings) {
        ObjectNode agg = Rules.JSON.createObjectNode();
        if (settings.metric().equals("percentile")) {
            agg.putObject("percentiles").put("field", settings.field()).putArray("percents").add(settings.percentile());
        } else {
            agg.putObject(settings.metric()).put("field", settings.field());
        }
        return agg;
    }
}
