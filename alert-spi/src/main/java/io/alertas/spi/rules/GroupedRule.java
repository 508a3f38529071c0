package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Param;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule that reads its events in one search, grouped by its group_by fields, and judges each group on its
 * own: a finding per group that fires, keyed by the group's values; a rule without group_by fires as a whole.
 */
abstract class GroupedRule extends SettingsRule {

    GroupedRule(Settings settings, List<Param> params) {
        super(settings, params);
    }

    /** The earliest instant the search reads; the window's start unless the rule looks further back. */
    Instant from(AlertContext context) {
        return context.window().start();
    }

    /** The rule's sub-aggregations of each group. */
    abstract ObjectNode groupAggs(AlertContext context);

    /** Groups with fewer events over the whole search cannot fire, so the answer leaves them out. */
    long minDocCount(AlertContext context) {
        return 1;
    }

    /** The group's finding, or null when it does not fire. */
    abstract Group judge(Bucket bucket, AlertContext context);

    /** The message's start when the rule is given no summary. */
    abstract String summary(AlertContext context);

    /** What the rule keeps for the next pass, given every group of the answer and those that fired; null keeps nothing. */
    JsonNode remember(List<Bucket> buckets, List<Group> fired, AlertContext context) {
        return null;
    }

    @Override
    public JsonNode query(AlertContext context) {
        return Grouping.query(settings, from(context), context.window().end(), groupAggs(context), minDocCount(context));
    }

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        List<Bucket> buckets = Bucket.flatten(response.path("aggregations"), settings.groupBy().size());
        List<Group> fired = new ArrayList<>();
        for (Bucket bucket : buckets) {
            Group group = judge(bucket, context);
            if (group != null) {
                fired.add(group);
            }
        }
        Evaluation evaluation = conclude(fired, context);
        JsonNode memory = remember(buckets, fired, context);
        return memory == null ? evaluation : evaluation.remembering(memory);
    }

    /** One finding per group that fired; for a rule without group_by, the alert as a whole. */
    Evaluation conclude(List<Group> fired, AlertContext context) {
        String summary = settings.summary(context, summary(context));
        if (settings.groupBy().isEmpty()) {
            return fired.isEmpty() ? Evaluation.quiet()
                    : Evaluation.fire(summary + ": " + settings.describe(fired.get(0), context));
        }
        List<Finding> findings = new ArrayList<>();
        fired.forEach(group -> findings.add(Finding.of(group.key().isBlank() ? "(empty)" : group.key(),
                settings.describe(group, context))));
        return Evaluation.fire(summary, findings);
    }

    /** "per user.name, host.name", or empty without group_by. */
    String per() {
        return settings.groupBy().isEmpty() ? "" : " per " + String.join(", ", settings.groupBy());
    }
}
