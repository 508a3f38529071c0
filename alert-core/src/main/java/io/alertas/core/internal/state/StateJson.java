package io.alertas.core.internal.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How the stores write a notification waiting for delivery, and instants, as JSON. */
final class StateJson {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                .put("link", n.link());
    }

    static Notification notification(JsonNode n) {
        List<Finding> findings = new ArrayList<>();
        n.path("findings").forEach(f -> findings.add(Finding.of(f.get("key").asText(), f.get("text").asText())));
        Window window = Window.of(instant(n.path("window").get("start")), instant(n.path("window").get("end")));
        return Notification.builder(n.get("alert").asText(), Severity.fromLabel(n.get("severity").asText()),
                        n.get("message").asText(), window, instant(n.get("fired_at")))
                .findings(findings).suppressed(n.path("suppressed").asInt()).cluster(n.path("cluster").asText())
                .link(n.path("link").asText()).build();
    }

    static ObjectNode throttle(State.Throttle t) {
        return JSON.createObjectNode().put("delivered_at", t.deliveredAt().toString()).put("suppressed", t.suppressed());
    }

    /**
     * A throttle as stored; a count of held-back firings beyond what an int holds is taken as the largest,
     * and a negative one is refused.
     */
    static State.Throttle throttle(JsonNode t) {
        JsonNode suppressed = t.path("suppressed");
        if (!suppressed.isMissingNode() && !suppressed.isIntegralNumber()) {
            throw new IllegalArgumentException("\"suppressed\" must be a whole number");
        }
        long count = suppressed.asLong();
        if (count < 0) {
            throw new IllegalArgumentException("\"suppressed\" is negative");
        }
        return new State.Throttle(instant(t.get("delivered_at")), (int) Math.min(count, Integer.MAX_VALUE));
    }

    static ObjectNode pending(State.Pending p) {
        ObjectNode entry = JSON.createObjectNode()
                .put("medium", p.medium())
                .put("summary", p.summary())
                .put("first_failed_at", p.firstFailedAt().toString())
                .put("attempts", p.attempts())
                .put("last_error", p.lastError());
        entry.set("notification", notification(p.notification()));
        return entry;
    }

    static State.Pending pending(JsonNode p) {
        Notification notification = notification(p.get("notification"));
        return new State.Pending(p.get("medium").asText(), notification,
                p.path("summary").asText(notification.alert()), instant(p.get("first_failed_at")),
                p.path("attempts").asInt(), p.path("last_error").asText());
    }

    static Instant instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("expected an ISO-8601 instant, found " + node);
        }
        return Instant.parse(node.asText());
    }
}
