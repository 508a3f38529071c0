package io.alertas.core.internal.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the stores write the parts of the state as JSON: a notification waiting for delivery, a throttle, what an
 * alert last did, an episode, a silence, a runner's last pass, and instants.
 */
final class StateJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The largest count the state holds: more passes than a runner makes in millions of years. */
    private static final long LARGEST = 1_000_000_000_000_000L;

    private StateJson() {
    }

    static ObjectNode notification(Notification n) {
        ObjectNode node = JSON.createObjectNode()
                .put("alert", n.alert())
                .put("severity", n.severity().label())
                .put("message", n.message());
        ArrayNode findings = node.putArray("findings");
        n.findings().forEach(f -> findings.addObject().put("key", f.key()).put("text", f.text()));
        node.putObject("window").put("start", n.window().start().toString()).put("end", n.window().end().toString());
        return node.put("suppressed", n.suppressed())
                .put("cluster", n.cluster())
                .put("fired_at", n.firedAt().toString())
                .put("link", n.link())
                .put("resolved", n.resolved())
                .put("plugin", n.plugin());
    }

    static Notification notification(JsonNode n) {
        List<Finding> findings = new ArrayList<>();
        n.path("findings").forEach(f -> findings.add(Finding.of(f.get("key").asText(), f.get("text").asText())));
        Window window = Window.of(instant(n.path("window").get("start")), instant(n.path("window").get("end")));
        return Notification.builder(n.get("alert").asText(), Severity.fromLabel(n.get("severity").asText()),
                        n.get("message").asText(), window, instant(n.get("fired_at")))
                .findings(findings).suppressed(n.path("suppressed").asInt()).cluster(n.path("cluster").asText())
                .link(n.path("link").asText()).resolved(n.path("resolved").asBoolean())
                .plugin(n.path("plugin").asText("")).build();
    }

    static ObjectNode activity(State.Activity a) {
        ObjectNode node = JSON.createObjectNode().put("last_run", a.lastRun().toString());
        if (a.lastFired() != null) {
            node.put("last_fired", a.lastFired().toString());
        }
        if (a.lastFailedAt() != null) {
            node.put("last_failed_at", a.lastFailedAt().toString()).put("last_error", a.lastError());
        }
        return node;
    }

    static State.Activity activity(JsonNode a) {
        return new State.Activity(instant(a.get("last_run")), optionalInstant(a.get("last_fired")),
                optionalInstant(a.get("last_failed_at")), a.hasNonNull("last_error") ? a.get("last_error").asText() : null);
    }

    static ObjectNode episode(State.Episode e) {
        ObjectNode node = JSON.createObjectNode().put("firing", e.firing()).put("quiet", e.quiet())
                .put("last_fired", e.lastFired().toString());
        ArrayNode told = node.putArray("told");
        e.told().forEach(told::add);
        return node;
    }

    static State.Episode episode(JsonNode e) {
        Set<String> told = new TreeSet<>();
        e.path("told").forEach(m -> told.add(m.asText()));
        return new State.Episode(count(e, "firing"), count(e, "quiet"), instant(e.get("last_fired")), told);
    }

    static ObjectNode silence(Silence s) {
        ObjectNode node = JSON.createObjectNode().put("silence_id", s.id()).put("alert", s.alert());
        if (s.key() != null) {
            node.put("key", s.key());
        }
        return node.put("from", s.from().toString()).put("until", s.until().toString()).put("reason", s.reason())
                .put("muted", s.muted());
    }

    static Silence silence(JsonNode s) {
        return new Silence(s.get("silence_id").asText(), s.get("alert").asText(),
                s.hasNonNull("key") ? s.get("key").asText() : null, instant(s.get("from")), instant(s.get("until")),
                s.path("reason").asText(), count(s, "muted"));
    }

    static ObjectNode pass(State.PassRecord p) {
        ObjectNode node = JSON.createObjectNode().put("runner", p.runner()).put("at", p.at().toString())
                .put("took_ms", p.took().toMillis()).put("succeeded", p.succeeded());
        if (p.lastSuccess() != null) {
            node.put("last_success", p.lastSuccess().toString());
        }
        return node.put("passes", p.passes()).put("failed", p.failed());
    }

    static State.PassRecord pass(JsonNode p) {
        return new State.PassRecord(p.get("runner").asText(), instant(p.get("at")),
                Duration.ofMillis(whole(p, "took_ms")), p.path("succeeded").asBoolean(),
                optionalInstant(p.get("last_success")), whole(p, "passes"), whole(p, "failed"));
    }

    private static int count(JsonNode node, String field) {
        return (int) Math.min(whole(node, field), Integer.MAX_VALUE);
    }

    /**
     * A count or a length in milliseconds as stored: a whole number from 0 to {@value #LARGEST}, or 0 when it
     * is missing; anything else is refused, so that the entry holding it is dropped.
     */
    private static long whole(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a whole number");
        }
        long whole = value.asLong();
        if (whole < 0) {
            throw new IllegalArgumentException("\"" + field + "\" is negative");
        }
        if (whole > LARGEST) {
            throw new IllegalArgumentException("\"" + field + "\" is beyond " + LARGEST);
        }
        return whole;
    }

    private static Instant optionalInstant(JsonNode node) {
        return node == null || node.isNull() ? null : instant(node);
    }

    static ObjectNode throttle(State.Throttle t) {
        return JSON.createObjectNode().put("delivered_at", t.deliveredAt().toString()).put("suppressed", t.suppressed());
    }

    /** A throttle as stored; a count of held-back firings beyond what an int holds is taken as the largest. */
    static State.Throttle throttle(JsonNode t) {
        return new State.Throttle(instant(t.get("delivered_at")), count(t, "suppressed"));
    }

    static ObjectNode pending(State.Pending p) {
        ObjectNode entry = JSON.createObjectNode()
                .put("medium", p.medium())
                .put("summary", p.summary())
                .put("first_failed_at", p.firstFailedAt().toString())
                .put("attempts", p.attempts())
                .put("last_error", p.lastError());
        if (!p.accepted().isEmpty()) {
            new TreeSet<>(p.accepted()).forEach(entry.putArray("accepted")::add);
        }
        if (p.notBefore() != null) {
            entry.put("not_before", p.notBefore().toString());
        }
        entry.set("notification", notification(p.notification()));
        return entry;
    }

    static State.Pending pending(JsonNode p) {
        Notification notification = notification(p.get("notification"));
        Set<String> accepted = new HashSet<>();
        p.path("accepted").forEach(key -> accepted.add(key.asText()));
        return new State.Pending(p.get("medium").asText(), notification,
                p.path("summary").asText(notification.alert()), instant(p.get("first_failed_at")),
                count(p, "attempts"), p.path("last_error").asText(), accepted, optionalInstant(p.get("not_before")));
    }

    static Instant instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("expected an ISO-8601 instant, found " + node);
        }
        return Instant.parse(node.asText());
    }
}
