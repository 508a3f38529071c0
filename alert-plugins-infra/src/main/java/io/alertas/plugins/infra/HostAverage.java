package io.alertas.plugins.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Evaluator;
import io.alertas.spi.Finding;
import io.alertas.spi.Responses;
import java.util.ArrayList;
import java.util.List;

/** Fires per host whose average of a usage fraction over the window is above the threshold. */
final class HostAverage implements Evaluator {

    private final String what;

    /** @param what what the fraction measures, such as "CPU" */
    HostAverage(String what) {
        this.what = what;
    }

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        double threshold = context.number("threshold");
        List<Finding> findings = new ArrayList<>();
        for (JsonNode host : Responses.buckets(response, "hosts")) {
            JsonNode average = host.path("average").path("value");
            if (average.isNumber() && average.asDouble() > threshold) {
                String name = host.path("key").asText();
                findings.add(Finding.of(name, "average " + what + " " + Percent.of(average.asDouble()) + " over "
                        + Responses.count(host.path("doc_count").asLong(), "sample")));
            }
        }
        return Evaluation.fire(what + " above " + Percent.of(threshold), findings);
    }
}
