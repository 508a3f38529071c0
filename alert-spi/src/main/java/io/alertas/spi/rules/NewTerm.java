package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Durations;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Param;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value of the {@code group_by} fields (one, or a combination of up to four) seen in the window and not in
 * the {@code lookback} before it. The values of the window are read with a composite aggregation, page by
 * page; then the history is asked only about those values, a page of them at a time, so the cost follows
 * what the window holds and not how many values the history has.
 */
final class NewTerm extends SettingsRule {

    static final Meaning MEANING = Meaning.of(NewTerm::new)
            .reads(Declaration.duration("lookback", "the history a value must be absent from to be new")
                    .byDefault(Duration.ofDays(7)))
            .needs("group_by");

    private static final String TERMS = "rule_terms";
    private static final String FIRST = "rule_first";

    NewTerm(Settings settings, List<Param> params) {
        super(settings, params);
    }

    @Override
    public JsonNode query(AlertContext context) {
        return composite(Grouping.events(settings, context.window().start(), context.window().end()), true);
    }

    /** A search of {@code query} whose answer holds a page of the values of the group_by fields. */
    private ObjectNode composite(JsonNode query, boolean withFirstSeen) {
        ObjectNode body = Rules.JSON.createObjectNode().put("size", 0);
        body.set("query", query);
        ObjectNode terms = body.putObject("aggs").putObject(TERMS);
        ObjectNode composite = terms.putObject("composite").put("size", settings.size());
        ArrayNode sources = composite.putArray("sources");
        List<String> fields = settings.groupBy();
        for (int i = 0; i < fields.size(); i++) {
            sources.addObject().putObject(Grouping.level(i)).putObject("terms").put("field", fields.get(i));
        }
        if (withFirstSeen) {
            terms.putObject("aggs").putObject(FIRST).putObject("min").put("field", settings.timestampField());
        }
        return body;
    }

    /** Every bucket of the composite aggregation, the first page being {@code first}, asking for the next ones. */
    private List<JsonNode> pages(JsonNode first, ObjectNode body, AlertContext context) {
        List<JsonNode> buckets = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            JsonNode aggregation = page.path("aggregations").path(TERMS);
            aggregation.path("buckets").forEach(buckets::add);
            JsonNode after = aggregation.path("after_key");
            if (!after.isObject() || aggregation.path("buckets").size() < settings.size()) {
                return buckets;
            }
            ((ObjectNode) body.path("aggs").path(TERMS).path("composite")).set("after", after);
            page = context.search(body);
        }
    }

    private List<String> values(JsonNode bucket) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < settings.groupBy().size(); i++) {
            JsonNode value = bucket.path("key").path(Grouping.level(i));
            values.add(value.asText());
        }
        return values;
    }

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        Map<List<String>, JsonNode> window = new LinkedHashMap<>();
        for (JsonNode bucket : pages(response, (ObjectNode) query(context), context)) {
            window.put(values(bucket), bucket);
        }
        Set<List<String>> known = known(new ArrayList<>(window.keySet()), context);
        String lookback = Durations.format(context.duration(settings.param("lookback")));
        List<Finding> findings = new ArrayList<>();
        window.forEach((values, bucket) -> {
            if (!known.contains(values)) {
                JsonNode first = bucket.path(FIRST).path("value_as_string");
                long count = bucket.path("doc_count").asLong();
                String text = "first seen at " + (first.isTextual() ? first.asText()
                        : Instant.ofEpochMilli(bucket.path(FIRST).path("value").asLong())) + ", " + Format.events(count)
                        + " in the window; not seen in the " + lookback + " before";
                Group group = Group.of(values, bucket, count, count, Double.NaN, text);
                findings.add(Finding.of(group.key(), settings.describe(group, context)));
            }
        });
        return Evaluation.fire(settings.summary(context, "New values of " + String.join(", ", settings.groupBy())), findings);
    }

    /** Which of {@code candidates} the lookback before the window holds. */
    private Set<List<String>> known(List<List<String>> candidates, AlertContext context) {
        Set<List<String>> known = new HashSet<>();
        Instant start = context.window().start();
        Instant from = start.minus(context.duration(settings.param("lookback")));
        List<String> fields = settings.groupBy();
        for (int at = 0; at < candidates.size(); at += settings.size()) {
            List<List<String>> chunk = candidates.subList(at, Math.min(at + settings.size(), candidates.size()));
            ObjectNode query = Grouping.events(settings, from, start);
            ArrayNode filter = (ArrayNode) query.path("bool").path("filter");
            for (int i = 0; i < fields.size(); i++) {
                ArrayNode values = filter.addObject().putObject("terms").putArray(fields.get(i));
                int field = i;
                chunk.stream().map(v -> v.get(field)).distinct().forEach(values::add);
            }
            ObjectNode body = composite(query, false);
            for (JsonNode bucket : pages(context.search(body), body, context)) {
                known.add(values(bucket));
            }
        }
        return known;
    }
}
