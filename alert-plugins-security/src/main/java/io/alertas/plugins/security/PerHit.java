package io.alertas.plugins.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.evaluation.Responses;
import io.alertas.core.spi.AlertContext;
import io.alertas.core.spi.Evaluation;
import io.alertas.core.spi.Evaluator;
import io.alertas.core.spi.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One finding per distinct key among the hits: the shape of alerts where each event matters (a member
 * added to a group, a log cleared, a service installed). Events with the same key are counted in one
 * finding, described by the first.
 */
final class PerHit implements Evaluator {

    private final String summary;
    private final Function<JsonNode, String> key;
    private final Function<JsonNode, String> describe;

    PerHit(String summary, Function<JsonNode, String> key, Function<JsonNode, String> describe) {
        this.summary = summary;
        this.key = key;
        this.describe = describe;
    }

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
        for (JsonNode hit : Responses.hits(response)) {
            String k = key.apply(hit);
            byKey.computeIfAbsent(k.isBlank() ? "(unknown)" : k, any -> new ArrayList<>()).add(hit);
        }
        List<Finding> findings = new ArrayList<>();
        byKey.forEach((k, hits) -> findings.add(new Finding(k,
                describe.apply(hits.get(0)) + (hits.size() > 1 ? " (" + hits.size() + " times)" : ""))));
        return Evaluation.fire(summary, findings);
    }
}
