package io.alertas.plugins.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Evaluator;
import io.alertas.spi.Finding;
import java.util.ArrayList;
import java.util.List;

/** Fires per host and mount point whose highest usage in the window is above the threshold. */
final class FilesystemUsage implements Evaluator {

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        double threshold = context.number("threshold");
        List<Finding> findings = new ArrayList<>();
        for (JsonNode host : response.path("aggregations").path("hosts").path("buckets")) {
            for (JsonNode mount : host.path("mounts").path("buckets")) {
                double used = mount.path("used").path("value").asDouble();
                if (used > threshold) {
                    String key = host.path("key").asText() + ":" + mount.path("key").asText();
                    findings.add(Finding.of(key, Percent.of(used) + " used"));
                }
            }
        }
        return Evaluation.fire("Filesystems fuller than " + Percent.of(threshold), findings);
    }
}
