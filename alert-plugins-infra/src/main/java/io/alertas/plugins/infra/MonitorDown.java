package io.alertas.plugins.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Evaluator;
import io.alertas.spi.Finding;
import io.alertas.spi.Responses;
import java.util.ArrayList;
import java.util.List;

/** Fires per Heartbeat monitor whose latest check in the window is down, with its URL and error. */
final class MonitorDown implements Evaluator {

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode monitor : Responses.buckets(response, "monitors")) {
            JsonNode latest = monitor.path("latest").path("hits").path("hits").path(0);
            if (!Responses.field(latest, "monitor.status").equals("down")) {
                continue;
            }
            String name = Responses.field(latest, "monitor.name");
            String error = Responses.field(latest, "error.message");
            String text = (name.isEmpty() ? "" : name + ": ") + "down in " + monitor.path("down").path("doc_count").asLong()
                    + " of " + Responses.count(monitor.path("doc_count").asLong(), "check") + ", "
                    + Responses.field(latest, "url.full") + (error.isEmpty() ? "" : " (" + error + ")");
            findings.add(Finding.of(monitor.path("key").asText(), text));
        }
        return Evaluation.fire("Monitors down", findings);
    }
}
