package io.alertas.plugins.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.evaluation.Responses;
import io.alertas.core.spi.AlertContext;
import io.alertas.core.spi.Evaluation;
import io.alertas.core.spi.Evaluator;
import io.alertas.core.spi.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * One finding per bucket of a terms aggregation, keyed by the bucket's key: the shape of alerts that group
 * events by user, account or source address. The message is the summary; the notification adds the keys it delivers.
 */
final class PerBucket implements Evaluator {

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
    PerBucket(String aggregation, String summary, BiPredicate<JsonNode, AlertContext> fires,
            BiFunction<JsonNode, AlertContext, String> describe) {
        this.aggregation = aggregation;
        this.summary = summary;
        this.fires = fires;
        this.describe = describe;
    }

    PerBucket(String aggregation, String summary, BiFunction<JsonNode, AlertContext, String> describe) {
        this(aggregation, summary, (bucket, context) -> true, describe);
    }

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode bucket : Responses.buckets(response, aggregation)) {
            if (fires.test(bucket, context)) {
                String key = bucket.path("key").asText();
                findings.add(new Finding(key, describe.apply(bucket, context)));
            }
        }
        return Evaluation.fire(summary, findings);
    }
}
