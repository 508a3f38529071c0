package com.example.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Evaluator;
import io.alertas.spi.Finding;
import io.alertas.spi.Responses;
import java.util.ArrayList;
import java.util.List;

/** One finding per payment provider with failures, naming the commonest error codes. */
final class PaymentFailures implements Evaluator {

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode provider : Responses.buckets(response, "providers")) {
            findings.add(Finding.of(provider.path("key").asText(),
                    Responses.count(provider.path("doc_count").asLong(), "failed payment") + ", errors "
                            + String.join(", ", Responses.keys(provider, "errors"))));
        }
        return Evaluation.fire("Payments failing", findings);
    }
}
