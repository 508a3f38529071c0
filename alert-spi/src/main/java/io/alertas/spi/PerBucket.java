package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * One finding per bucket of a terms aggregation, keyed by the bucket's key: the shape of alerts that group
 * events by user, account or source address. The message is the summary; the notification adds the keys it
 * delivers. A reusable evaluator: the built-in security alerts use it, and so may a team's.
 */
public final class PerBucket implements Evaluator {

    private final String aggregation;
    private final String summary;
    private final BiPredicate<JsonNode, AlertContext> fires;
    private final BiFunction<JsonNode, AlertContext, String> describe;

    /**
     * @param aggregation the terms aggregation of the query
     * @param summary the message's start, such as "Privileged accounts logged on"
     * @param fires whether a bucket is a finding (the query may already have filtered)
     * @param describe the finding's text for a bucket
     */
    public PerBucket(String aggregation, String summary, BiPredicate<JsonNode, AlertContext> fires,
            BiFunction<JsonNode, AlertContext, String> describe) {
        this.aggregation = requireNonNull(aggregation, "aggregation is null");
        this.summary = requireNonNull(summary, "summary is null");
        this.fires = requireNonNull(fires, "fires is null");
        this.describe = requireNonNull(describe, "describe is null");
    }

    /** Every bucket is a finding (the query already filtered). */
    public PerBucket(String aggregation, String summary, BiFunction<JsonNode, AlertContext, String> describe) {
        this(aggregation, summary, (bucket, context) -> true, describe);
    }

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode bucket : Responses.buckets(response, aggregation)) {
            if (fires.test(bucket, context)) {
                String key = bucket.path("key").asText();
                findings.add(Finding.of(key, describe.apply(bucket, context)));
            }
        }
        return Evaluation.fire(summary, findings);
    }
}
