package io.alertas.plugins.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.spi.AlertContext;
import io.alertas.core.spi.Evaluation;
import io.alertas.core.spi.Evaluator;
import io.alertas.core.spi.Finding;
import java.util.ArrayList;
import java.util.List;

/** Fires when a watched account logged on: one finding per account, with the count, hosts and sources. */
final class PrivilegedLogon implements Evaluator {

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        List<Finding> findings = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        for (JsonNode bucket : response.path("aggregations").path("users").path("buckets")) {
            String user = bucket.path("key").asText();
            long count = bucket.path("doc_count").asLong();
            summary.add(user + " (" + count + ")");
            String text = count + (count == 1 ? " logon" : " logons")
                    + " on " + String.join(", ", keys(bucket.path("hosts")));
            List<String> sources = keys(bucket.path("sources"));
            if (!sources.isEmpty()) {
                text += " from " + String.join(", ", sources);
            }
            findings.add(new Finding(user, text));
        }
        return Evaluation.fire("Privileged accounts logged on: " + String.join(", ", summary), findings);
    }

    private static List<String> keys(JsonNode termsAggregation) {
        List<String> keys = new ArrayList<>();
        termsAggregation.path("buckets").forEach(b -> keys.add(b.path("key").asText()));
        return keys;
    }
}
