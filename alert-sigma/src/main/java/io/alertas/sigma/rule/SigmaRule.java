package io.alertas.sigma.rule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One Sigma rule as its YAML document holds it. {@code origin} says where it was read (a file, and the document's
 * number when the file holds several). {@code detection} is the rule's {@code detection} object as read (search
 * identifiers and {@code condition}), null for a correlation rule; {@code correlation} is its {@code correlation}
 * object, null for a detection rule. Strings other than {@code origin} and {@code title} may be empty, never null.
 */
public record SigmaRule(String origin, String id, String name, String title, String status, String level,
        String description, String author, String date, List<String> tags, List<String> references,
        List<String> falsePositives, LogSource logSource, JsonNode detection, JsonNode correlation) {

    public SigmaRule {
        requireNonNull(origin, "origin is null");
        requireNonNull(title, "title is null");
        tags = List.copyOf(tags);
        references = List.copyOf(references);
        falsePositives = List.copyOf(falsePositives);
    }

    /** Whether this is a correlation rule, which counts the matches of other rules. */
    public boolean isCorrelation() {
        return correlation != null;
    }
}
