package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Param;
import io.alertas.spi.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges the events of one Sigma rule in the pass's window ({@link WindowEvents}: the log source's events, matched
 * in Java, or the rule's own query): they are grouped by the key fields, one finding per key with the host, user, process and command
 * line of its first event (or the event's own key fields, when it has none of these). The message carries what an
 * analyst acts on and what the Detection Rule License asks for: title, level, id, ATT&CK tags, references, false
 * positives and the rule's author.
 */
final class SigmaEvaluator implements Rule {

    /** Where a finding's key is taken when the override names no field: the host, as the agents write it. */
    static final List<String> DEFAULT_KEY = List.of("host.name");
    private static final List<String> HOST_FALLBACK = List.of("winlog.computer_name", "agent.hostname", "agent.name");

    private final String message;
    private final WindowEvents events;
    private final List<String> groupBy;
    private final List<String> keyFields;

    /**
     * {@code events} finds the rule's events in the window; {@code keyFields} are the fields the rule's query reads,
     * shown when an event lacks the usual ones.
     */
    SigmaEvaluator(SigmaRule rule, WindowEvents events, List<String> groupBy, List<String> keyFields) {
        this.message = RuleText.message(rule);
        this.events = events;
        this.groupBy = List.copyOf(groupBy);
        this.keyFields = List.copyOf(keyFields);
    }

    /** The log source's events of the window (the same search for each of its rules), or the rule's own query. */
    @Override
    public JsonNode query(AlertContext context) {
        return events.query(context.window());
    }

    @Override
    public List<Param> params() {
        return List.of();
    }

    @Override
    public String describe() {
        return "Sigma rule";
    }

    @Override
    public Evaluation evaluate(JsonNode response, AlertContext context) {
        WindowEvents.Matched matched = events.select(response, context);
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode hit : matched.hits()) {
            JsonNode source = hit.path("_source");
            groups.computeIfAbsent(key(hit, source), k -> new ArrayList<>()).add(source);
        }
        List<Finding> findings = new ArrayList<>();
        groups.forEach((key, events) -> findings.add(Finding.of(key, describe(events))));
        String summary = matched.unread() > 0 ? message + "\n" + matched.unread() + " events matched; the first "
                + WindowEvents.SIZE + " are read" : message;
        return Evaluation.fire(summary + "\nMatched on", findings);
    }

    private String key(JsonNode hit, JsonNode source) {
        List<String> values = new ArrayList<>();
        for (String field : groupBy) {
            String value = EventFields.text(source, field);
            if (value != null) {
                values.add(Text.line(value));
            }
        }
        if (values.isEmpty() && groupBy.equals(DEFAULT_KEY)) {
            for (String field : HOST_FALLBACK) {
                String value = EventFields.text(source, field);
                if (value != null) {
                    return Text.line(value);
                }
            }
        }
        if (values.isEmpty()) {
            String id = Text.line(hit.path("_id").asText(""));
            return id.isEmpty() ? "(event without " + String.join(", ", groupBy) + ")" : "event " + id;
        }
        return String.join(" / ", values);
    }

    private String describe(List<JsonNode> events) {
        JsonNode first = events.get(0);
        List<String> parts = new ArrayList<>();
        parts.add(events.size() == 1 ? "1 event" : events.size() + " events");
        add(parts, "host", first, "host.name", "winlog.computer_name");
        boolean user = add(parts, "user", first, "user.name", "winlog.event_data.SubjectUserName");
        boolean process = add(parts, "process", first, "process.executable", "process.name");
        boolean command = add(parts, "command line", first, "process.command_line");
        if (!user && !process && !command) {
            for (String field : keyFields) {
                add(parts, field, first, field);
            }
        }
        return String.join("; ", parts);
    }

    private static boolean add(List<String> parts, String label, JsonNode source, String... fields) {
        for (String field : fields) {
            String value = EventFields.text(source, field);
            if (value != null) {
                parts.add(label + " " + Text.line(value));
                return true;
            }
        }
        return false;
    }
}
