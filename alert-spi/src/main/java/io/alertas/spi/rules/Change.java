package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Param;
import io.alertas.spi.Responses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of {@code field} per group differs from the last value seen. The last value per group is kept
 * in the alert's memory, so it survives runs; the first value seen of a group is learnt, not reported. The
 * last {@value #EVENTS} events of a group in a window are walked in order, so a value that changed and came
 * back is reported too. A group not seen for {@link #FORGET} is forgotten.
 */
final class Change extends GroupedRule {

    static final Meaning MEANING = Meaning.of(Change::new).takes("field").needs("field");

    static final int EVENTS = 10;
    static final Duration FORGET = Duration.ofDays(30);
    private static final String LATEST = "rule_latest";

    Change(Settings settings, List<Param> params) {
        super(settings, params);
    }

    /** The grouped search, of events that have the field. */
    @Override
    public JsonNode query(AlertContext context) {
        ObjectNode body = (ObjectNode) super.query(context);
        ((ArrayNode) body.path("query").path("bool").path("filter")).addObject().putObject("exists")
                .put("field", settings.field());
        return body;
    }

    @Override
    ObjectNode groupAggs(AlertContext context) {
        ObjectNode aggs = Rules.JSON.createObjectNode();
        ObjectNode top = aggs.putObject(LATEST).putObject("top_hits").put("size", EVENTS);
        top.putArray("sort").addObject().putObject(settings.timestampField()).put("order", "desc");
        top.putObject("_source").putArray("includes").add(settings.field()).add(settings.timestampField());
        return aggs;
    }

    /** The values of the group's events in the window, oldest first, leaving out events without the field. */
    private List<String> values(Bucket bucket) {
        List<String> values = new ArrayList<>();
        for (JsonNode hit : Responses.hits(bucket.node().path(LATEST))) {
            String value = Responses.field(hit, settings.field());
            if (!value.isEmpty()) {
                values.add(0, value);
            }
        }
        return values;
    }

    @Override
    Group judge(Bucket bucket, AlertContext context) {
        JsonNode remembered = context.memory().path("values").path(bucket.key()).path("value");
        if (!remembered.isTextual()) {
            return null;
        }
        List<String> path = new ArrayList<>(List.of(remembered.asText()));
        for (String value : values(bucket)) {
            if (!value.equals(path.get(path.size() - 1))) {
                path.add(value);
            }
        }
        if (path.size() == 1) {
            return null;
        }
        return Group.of(bucket, bucket.docCount(), path.size() - 1, Double.NaN,
                settings.field() + " changed from " + String.join(" to ", path));
    }

    @Override
    String summary(AlertContext context) {
        return settings.field() + " changed" + per();
    }

    /** Per group, its last value and when it was last seen; groups not seen for {@link #FORGET} are dropped. */
    @Override
    JsonNode remember(List<Bucket> buckets, List<Group> fired, AlertContext context) {
        Instant end = context.window().end();
        ObjectNode memory = Rules.JSON.createObjectNode();
        ObjectNode values = memory.putObject("values");
        context.memory().path("values").fields().forEachRemaining(e -> {
            JsonNode at = e.getValue().path("at");
            if (at.isTextual() && Instant.parse(at.asText()).isAfter(end.minus(FORGET))) {
                values.set(e.getKey(), e.getValue());
            }
        });
        for (Bucket bucket : buckets) {
            List<String> seen = values(bucket);
            if (!seen.isEmpty()) {
                values.putObject(bucket.key()).put("value", seen.get(seen.size() - 1)).put("at", end.toString());
            }
        }
        return memory;
    }
}
