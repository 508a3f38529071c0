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

/** Fires per host that sent documents in the lookback but none in the last {@code silent_minutes}. */
final class HostSilent implements Evaluator {

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        Instant end = context.window().end();
        Instant silentSince = end.minus(Duration.ofMinutes(context.integer("silent_minutes")));
        List<Finding> findings = new ArrayList<>();
        for (JsonNode host : Responses.buckets(response, "hosts")) {
            JsonNode lastSeen = host.path("last_seen");
            if (!lastSeen.path("value").isNumber()) {
                continue;
            }
            Instant last = Instant.ofEpochMilli(lastSeen.path("value").asLong());
            if (last.isBefore(silentSince)) {
                findings.add(Finding.of(host.path("key").asText(), "no documents for "
                        + Responses.count(Duration.between(last, end).toMinutes(), "minute") + ", last at " + last));
            }
        }
        return Evaluation.fire("Hosts went silent", findings);
    }
}
