package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rule's settings lack, or hold that does not go together: every such problem at once, so that a file
 * with two of them hears of both. A setting that was given but refused counts as given here; its own problem
 * was said when it was set.
 */
final class Completeness {

    private Completeness() {
    }

    static List<String> problems(RuleType type, Map<String, JsonNode> settings, Set<String> refused) {
        Meaning meaning = type.meaning();
        Set<String> given = new HashSet<>(settings.keySet());
        given.addAll(refused);
        List<String> problems = new ArrayList<>();
        for (String key : meaning.required()) {
            if (!given.contains(key)) {
                problems.add("a " + type + " rule needs \"" + key + "\"");
            }
        }
        List<String> bounds = Meaning.BOUNDS.stream().filter(given::contains).toList();
        if (meaning.bound() != null && bounds.size() != 1) {
            problems.add("a " + type + " rule takes one bound: \"above\", \"below\", \"at_least\" or \"at_most\""
                    + (bounds.isEmpty() ? "" : ", not \"" + String.join("\" and \"", bounds) + "\""));
        }
        String metric = settings.containsKey("metric") ? settings.get("metric").asText() : "avg";
        if (!refused.contains("metric") && metric.equals("percentile") != given.contains("percentile")) {
            problems.add(metric.equals("percentile") ? "\"metric\": \"percentile\" needs \"percentile\", such as 95"
                    : "\"percentile\" goes with \"metric\": \"percentile\"");
        }
        meaning.checks().stream().filter(check -> !check.holds().test(given)).forEach(check -> problems.add(check.problem()));
        return problems;
    }
}
