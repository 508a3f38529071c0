package io.alertas.plugins.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Evaluator;
import io.alertas.spi.Finding;
import io.alertas.spi.Responses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fires per {@code service.name} whose error count in the window is more than {@code factor} times the
 * average count of a window as long in the {@code baseline_minutes} before it, and at least
 * {@code min_count}.
 */
final class ErrorLogSpike implements Evaluator {

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        double factor = context.number("factor");
        long minCount = context.integer("min_count");
        double windows = context.integer("baseline_minutes") * 60.0
                / Math.max(1, context.window().length().toSeconds());
        List<Finding> findings = new ArrayList<>();
        for (JsonNode service : Responses.buckets(response, "services")) {
            long current = service.path("current").path("doc_count").asLong();
            double average = service.path("baseline").path("doc_count").asLong() / windows;
            if (current >= minCount && current > factor * average) {
                String name = service.path("key").asText();
                findings.add(Finding.of(name, Responses.count(current, "error") + " in the window, against "
                        + String.format(Locale.ROOT, "%.1f", average) + " a window before"));
            }
        }
        return Evaluation.fire("Error spike", findings);
    }
}
