package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One finding per distinct key among the hits: the shape of alerts where each event matters (a member
 * added to a group, a log cleared, a service installed). Events with the same key are counted in one
 * finding, described by the first. A reusable evaluator, as {@link PerBucket}.
 */
public final class PerHit implements Evaluator {

    private final String summary;
    private final Function<JsonNode, String> key;
    private final Function<JsonNode, String> describe;

    /**
     * @param summary the message's start, such as "Services installed"
     * @param key what a hit is about, such as its host and service name; blank keys count as "(unknown)"
     * @param describe the finding's text for the first hit of a key
     */
    public PerHit(String summary, Function<JsonNode, String> key, Function<JsonNode, String> describe) {
        this.summary = requireNonNull(summary, "summary is null");
        this.key = requireNonNull(key, "key is null");
        this.describe = requireNonNull(describe, "describe is null");
    }

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
        for (JsonNode hit : Responses.hits(response)) {
            String k = key.apply(hit);
            byKey.computeIfAbsent(k.isBlank() ? "(unknown)" : k, any -> new ArrayList<>()).add(hit);
        }
        List<Finding> findings = new ArrayList<>();
        byKey.forEach((k, hits) -> findings.add(Finding.of(k,
                describe.apply(hits.get(0)) + (hits.size() > 1 ? " (" + hits.size() + " times)" : ""))));
        return Evaluation.fire(summary, findings);
    }
}
