package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Param;
import io.alertas.spi.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code temporal} (or {@code temporal_ordered}) correlation: the events of the timespan before the window's end,
 * grouped by the group-by fields (a composite aggregation), and per group a filter per referenced rule with its first
 * event's time. A group fires where enough of the rules matched (all, by default), and for an ordered correlation
 * where their first events came in the rules' order.
 */
final class TemporalEvaluator implements Rule {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int GROUPS = 500;

    private final String message;
    private final JsonNode events;
    private final JsonNode aggs;
    private final Duration timespan;
    private final List<String> groupBy;
    private final int rules;
    private final long needed;
    private final boolean ordered;

    TemporalEvaluator(String message, List<RuleSet.Converted> referenced, List<String> groupBy, Duration timespan,
            long needed, boolean ordered) {
        this.message = message;
        this.events = CorrelationAlerts.anyOf(referenced);
        this.timespan = timespan;
        this.groupBy = List.copyOf(groupBy);
        this.rules = referenced.size();
        this.needed = needed;
        this.ordered = ordered;
        ObjectNode aggs = JSON.objectNode();
        ObjectNode groups = aggs.putObject("groups");
        ArrayNode sources = groups.putObject("composite").put("size", GROUPS).putArray("sources");
        for (int i = 0; i < groupBy.size(); i++) {
            sources.addObject().putObject("g" + i).putObject("terms").put("field", groupBy.get(i));
        }
        ObjectNode perRule = groups.putObject("aggs").putObject("rules");
        ObjectNode filters = perRule.putObject("filters").putObject("filters");
        for (int i = 0; i < referenced.size(); i++) {
            filters.set("r" + i, CorrelationAlerts.matching(referenced.get(i)));
        }
        if (ordered) {
            perRule.putObject("aggs").putObject("first").putObject("min").put("field", "@timestamp");
        }
        this.aggs = aggs;
    }

    /** The events of the referenced rules in the timespan before the window's end, grouped. */
    @Override
    public JsonNode query(AlertContext context) {
        Instant end = context.window().end();
        ObjectNode body = JSON.objectNode();
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.add(SigmaAlerts.range(end.minus(timespan), end));
        filter.add(events);
        body.put("size", 0);
        body.set("aggs", aggs);
        return body;
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public String describe() {
        return ordered ? "Sigma temporal_ordered correlation" : "Sigma temporal correlation";
    }

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode bucket : response.path("aggregations").path("groups").path("buckets")) {
            JsonNode perRule = bucket.path("rules").path("buckets");
            int matched = 0;
            boolean inOrder = true;
            double last = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < rules; i++) {
                JsonNode rule = perRule.path("r" + i);
                if (rule.path("doc_count").asLong() > 0) {
                    matched++;
                    double first = rule.path("first").path("value").asDouble();
                    inOrder &= first >= last;
                    last = first;
                } else {
                    inOrder = false;
                }
            }
            if (matched >= needed && (!ordered || inOrder)) {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < groupBy.size(); i++) {
                    keys.add(Text.line(bucket.path("key").path("g" + i).asText()));
                }
                findings.add(Finding.of(String.join(" / ", keys), matched + " of " + rules + " rules matched in "
                        + bucket.path("doc_count").asLong() + " events" + (ordered ? ", in order" : "")));
            }
        }
        return Evaluation.fire(message + "\nMatched on", findings);
    }
}
