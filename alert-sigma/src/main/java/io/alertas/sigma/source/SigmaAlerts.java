package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.sigma.mapping.LogSourceTarget;
import io.alertas.sigma.query.SigmaQuery;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Query;
import java.util.List;

/** A converted detection rule as an alert: its search of the pass's window, severity, overrides and evaluator. */
final class SigmaAlerts {

    /** How many events one pass reads per rule; the count of all is in the answer. */
    static final int SIZE = 50;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SigmaAlerts() {
    }

    static AlertDefinition detection(String name, String shown, SigmaRule rule, LogSourceTarget target,
            SigmaQuery.Conversion conversion, RuleOverride override) {
        ObjectNode body = JSON.objectNode();
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.add(window());
        target.filters().forEach(filter::add);
        filter.add(conversion.query());
        body.put("size", SIZE);
        body.putArray("sort").addObject().put("@timestamp", "asc");
        List<String> groupBy = override.groupBy() != null ? override.groupBy() : SigmaEvaluator.DEFAULT_KEY;
        AlertDefinition.Builder alert = AlertDefinition.builder(name)
                .index(target.index())
                .query(Query.of(shown, body.toString()))
                .evaluator(new SigmaEvaluator(rule, conversion.hitCheck(), groupBy, QueryFields.of(conversion.query())));
        return settings(alert, rule, override).build();
    }

    /** The title as description, the severity from the level, then what the override sets. */
    static AlertDefinition.Builder settings(AlertDefinition.Builder alert, SigmaRule rule, RuleOverride override) {
        alert.description(Text.line(rule.title()))
                .severity(override.severity() != null ? override.severity() : Levels.severity(rule.level()));
        if (override.active() != null) {
            alert.active(override.active());
        }
        if (override.throttlePeriod() != null) {
            alert.throttlePeriod(override.throttlePeriod());
        }
        if (override.media() != null) {
            alert.media(override.media());
        }
        return alert;
    }

    /** {@code @timestamp} within the pass's window. */
    static ObjectNode window() {
        ObjectNode range = JSON.objectNode();
        range.putObject("range").putObject("@timestamp").put("gte", "{{window.start}}").put("lt", "{{window.end}}");
        return range;
    }
}
