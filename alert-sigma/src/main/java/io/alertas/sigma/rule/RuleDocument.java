package io.alertas.sigma.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.Texts;
import io.alertas.sigma.condition.Detections;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** One YAML document made a {@link SigmaRule}, its shape checked key by key. */
final class RuleDocument {

    private final String origin;
    private final JsonNode document;

    private RuleDocument(String origin, JsonNode document) {
        this.origin = origin;
        this.document = document;
    }

    static SigmaRule rule(String origin, JsonNode document) throws SigmaException {
        if (!document.isObject()) {
            throw new SigmaException(Reason.INVALID, origin + ": the document is " + kind(document)
                    + ", not the mapping of keys a Sigma rule is");
        }
        return new RuleDocument(origin, document).rule();
    }

    private SigmaRule rule() throws SigmaException {
        if (document.has("action")) {
            throw new SigmaException(Reason.DEPRECATED_SYNTAX, origin + ": \"action: " + text("action")
                    + "\" (rule collections) is Sigma 1 syntax; write each rule whole in its own document");
        }
        String title = text("title");
        if (title.isBlank()) {
            throw invalid("\"title\" is missing");
        }
        JsonNode detection = document.get("detection");
        JsonNode correlation = document.get("correlation");
        if (correlation != null) {
            if (!correlation.isObject()) {
                throw invalid("\"correlation\" must be a mapping (type, rules, timespan, ...), not " + kind(correlation));
            }
            detection = null;
        } else {
            checkDetection(detection);
        }
        return new SigmaRule(origin, text("id"), text("name"), title, text("status").toLowerCase(Locale.ROOT),
                text("level").toLowerCase(Locale.ROOT), text("description"), author(), text("date"), list("tags"),
                list("references"), list("falsepositives"), logSource(), detection, correlation);
    }

    private void checkDetection(JsonNode detection) throws SigmaException {
        if (detection == null || detection.isNull()) {
            throw invalid("\"detection\" is missing");
        }
        if (!detection.isObject()) {
            throw invalid("\"detection\" must be a mapping of search identifiers and a condition, not " + kind(detection));
        }
        JsonNode condition = detection.get("condition");
        if (condition == null || condition.isNull()) {
            throw invalid("\"detection\" has no \"condition\"");
        }
        List<String> identifiers = Detections.identifiers(detection);
        for (String identifier : identifiers) {
            JsonNode search = detection.get(identifier);
            if (search.isNull() || search.isMissingNode()) {
                throw invalid("the search identifier " + Texts.quote(identifier) + " is empty");
            }
        }
        try {
            Detections.condition(detection);
        } catch (SigmaException e) {
            throw new SigmaException(e.reason(), origin + ": " + e.getMessage());
        }
    }

    private String author() throws SigmaException {
        JsonNode author = document.get("author");
        if (author != null && author.isArray()) {
            return String.join(", ", list("author"));
        }
        return text("author");
    }

    private LogSource logSource() throws SigmaException {
        JsonNode logSource = document.get("logsource");
        if (logSource == null || logSource.isNull()) {
            return new LogSource(null, null, null);
        }
        if (!logSource.isObject()) {
            throw invalid("\"logsource\" must be a mapping (product, category, service), not " + kind(logSource));
        }
        return new LogSource(part(logSource, "product"), part(logSource, "category"), part(logSource, "service"));
    }

    private String part(JsonNode logSource, String key) throws SigmaException {
        JsonNode value = logSource.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw invalid("\"logsource\"'s \"" + key + "\" must be a word, not " + kind(value));
        }
        return checked("logsource." + key, value.asText()).toLowerCase(Locale.ROOT);
    }

    /** The text at {@code key}, empty when missing. */
    private String text(String key) throws SigmaException {
        JsonNode value = document.get(key);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isValueNode()) {
            throw invalid("\"" + key + "\" must be text, not " + kind(value));
        }
        return checked(key, value.asText());
    }

    /** The texts at {@code key}: missing is none, a string is one. */
    private List<String> list(String key) throws SigmaException {
        JsonNode value = document.get(key);
        List<String> texts = new ArrayList<>();
        if (value == null || value.isNull()) {
            return texts;
        }
        if (value.isValueNode()) {
            texts.add(checked(key, value.asText()));
            return texts;
        }
        if (!value.isArray()) {
            throw invalid("\"" + key + "\" must be a list of texts, not " + kind(value));
        }
        for (Iterator<JsonNode> elements = value.elements(); elements.hasNext(); ) {
            JsonNode element = elements.next();
            if (!element.isValueNode()) {
                throw invalid("\"" + key + "\" must be a list of texts, but holds " + kind(element));
            }
            if (!element.isNull()) {
                texts.add(checked(key, element.asText()));
            }
        }
        return texts;
    }

    private String checked(String key, String text) throws SigmaException {
        String hostile = Texts.firstHostile(text);
        if (hostile != null) {
            throw invalid("\"" + key + "\" holds the control character " + hostile
                    + ", which would hide or reorder what a terminal shows: " + Texts.quote(text));
        }
        return text;
    }

    private SigmaException invalid(String message) {
        return new SigmaException(Reason.INVALID, origin + ": " + message);
    }

    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isNull() ? "null" : "the scalar " + Texts.quote(node.asText());
    }
}
