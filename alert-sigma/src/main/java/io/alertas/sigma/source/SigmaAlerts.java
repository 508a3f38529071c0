package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.sigma.mapping.LogSourceTarget;
import io.alertas.sigma.query.SigmaQuery;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.spi.AlertDefinition;
import java.time.Instant;
import java.util.List;

/**
 * A converted detection rule as an alert: its severity, overrides and evaluator, which writes the search of each
 * pass's window itself (a rule's values may hold {@code {{...}}}, which a query template would take for a placeholder):
 * the log source's events, which the evaluator matches with the rule's query in Java ({@link WindowEvents}).
 */
final class SigmaAlerts {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SigmaAlerts() {
    }

    static AlertDefinition detection(String name, SigmaRule rule, LogSourceTarget target,
            SigmaQuery.Conversion conversion, RuleOverride override) {
        List<String> groupBy = override.groupBy() != null ? override.groupBy() : SigmaEvaluator.DEFAULT_KEY;
        WindowEvents events = new WindowEvents(target.filters(), conversion.query(), conversion.hitCheck());
        AlertDefinition.Builder alert = AlertDefinition.builder(name)
                .index(target.index())
                .rule(new SigmaEvaluator(rule, events, groupBy, QueryFields.of(conversion.query())));
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

    /** {@code @timestamp} from {@code start} to before {@code end}. */
    static ObjectNode range(Instant start, Instant end) {
        ObjectNode range = JSON.objectNode();
        range.putObject("range").putObject("@timestamp").put("gte", start.toString()).put("lt", end.toString());
        return range;
    }
}
