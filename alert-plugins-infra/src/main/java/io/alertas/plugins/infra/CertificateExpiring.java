package io.alertas.plugins.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Evaluator;
import io.alertas.spi.Finding;
import io.alertas.spi.Responses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Fires per Heartbeat monitor whose TLS certificate expires within {@code days} of the window's end. */
final class CertificateExpiring implements Evaluator {

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        Instant end = context.window().end();
        List<Finding> findings = new ArrayList<>();
        for (JsonNode monitor : Responses.buckets(response, "monitors")) {
            JsonNode expires = monitor.path("expires").path("value");
            if (!expires.isNumber()) {
                continue;
            }
            Instant notAfter = Instant.ofEpochMilli(expires.asLong());
            JsonNode latest = monitor.path("latest").path("hits").path("hits").path(0);
            String when = notAfter.isAfter(end)
                    ? "expires " + notAfter + " (in " + Responses.count(Duration.between(end, notAfter).toDays(), "day") + ")"
                    : "expired " + notAfter;
            findings.add(Finding.of(monitor.path("key").asText(),
                    "certificate of " + Responses.field(latest, "url.full") + " " + when));
        }
        return Evaluation.fire("TLS certificates expiring within " + context.integer("days") + " days", findings);
    }
}
