package io.alertas.plugins.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Evaluator;
import io.alertas.spi.Finding;
import java.util.List;

/**
 * Fires when {@code GET /_cluster/health} is not green (or, with {@code fire_on: "red"}, only when red). The
 * finding is keyed by the status, so a cluster going from yellow to red is told at once.
 */
final class ClusterHealth implements Evaluator {

    @Override
    public Evaluation evaluate(JsonNode health, AlertContext context) {
        String status = health.path("status").asText();
        boolean fires = status.equals("red") || status.equals("yellow") && !context.string("fire_on").equals("red");
        if (!fires) {
            return Evaluation.quiet();
        }
        String text = health.path("unassigned_shards").asLong() + " unassigned shards ("
                + health.path("unassigned_primary_shards").asLong() + " primaries), "
                + health.path("initializing_shards").asLong() + " initializing, "
                + health.path("relocating_shards").asLong() + " relocating; "
                + health.path("number_of_nodes").asLong() + " nodes";
        return Evaluation.fire("Health of cluster " + health.path("cluster_name").asText(),
                List.of(Finding.of(status, text)));
    }
}
