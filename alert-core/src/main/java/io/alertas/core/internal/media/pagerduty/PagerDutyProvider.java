package io.alertas.core.internal.media.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.media.Cut;
import io.alertas.core.internal.media.Endpoint;
import io.alertas.core.internal.media.Events;
import io.alertas.core.internal.media.Reachable;
import io.alertas.core.internal.media.Keys;
import io.alertas.core.internal.media.Settings;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import io.alertas.spi.Notification;
import io.alertas.spi.SettingException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PagerDuty's Events API v2: {@code {"routing_key": "${PAGERDUTY_ROUTING_KEY}"}} (and {@code "url"} for
 * the EU service region, {@code https://events.eu.pagerduty.com/v2/enqueue}). Each finding is one alert
 * event, {@code trigger} with {@code dedup_key} = alert/key, so PagerDuty groups repeats of a key into one
 * incident; an alert without findings is one event whose {@code dedup_key} is the alert's name; a resolved
 * notification sends {@code resolve} for the same keys. Severity maps to critical, warning or info; the
 * summary (the title, then the finding) is cut to PagerDuty's 1024 characters, and the message goes in the
 * custom details. PagerDuty's 400 ("invalid event", not to be retried) is final: see {@link Endpoint}. The
 * routing key is a secret.
 */
public final class PagerDutyProvider implements MediumProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final URI EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");
    static final int MAX_SUMMARY = 1024;
    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_EVENT_BYTES = 512 * 1024;

    @Override
    public String name() {
        return "pagerduty";
    }

    @Override
    public Medium create(JsonNode settings) throws SettingException {
        String routingKey = Settings.required(settings, "routing_key");
        if (!routingKey.matches("[A-Za-z0-9]+")) {
            throw new SettingException("routing_key", "must be the integration's routing key (letters and digits)");
        }
        URI url = settings.has("url") ? Settings.url(settings, "url", true, "the Events API v2") : EVENTS;
        Endpoint endpoint = new Endpoint("PagerDuty");
        return Reachable.http(url, notification -> {
            Events.send(notification, (key, text) -> endpoint.send(url, "POST", Map.of(),
                    event(routingKey, notification, key, text).toString(), PagerDutyProvider::reason));
        });
    }

    /**
     * The event of one finding, or of the whole alert when {@code key} is "" (its dedup key is then the alert's
     * name). The summary (and the key in the custom details) is cut to 1,024 characters, and the message in the
     * custom details so that the event stays under PagerDuty's 512 KB, counted in bytes.
     */
    public static ObjectNode event(String routingKey, Notification n, String key, String text) {
        ObjectNode event = JSON.createObjectNode().put("routing_key", routingKey)
                .put("event_action", n.resolved() ? "resolve" : "trigger")
                .put("dedup_key", Keys.identity(n.alert(), key, MAX_DEDUP_KEY));
        if (n.resolved()) {
            return event;
        }
        ObjectNode payload = event.putObject("payload")
                .put("summary", Cut.chars(n.title() + (key.isEmpty() ? "" : ": " + key + ": " + text), MAX_SUMMARY))
                .put("source", n.cluster().isEmpty() ? "alertas" : n.cluster())
                .put("severity", n.severity().label().toLowerCase(Locale.ROOT))
                .put("timestamp", n.firedAt().toString())
                .put("component", n.alert());
        ObjectNode details = payload.putObject("custom_details").put("message", n.message())
                .put("key", Cut.chars(key, MAX_SUMMARY))
                .put("window_start", n.window().start().toString()).put("window_end", n.window().end().toString())
                .put("suppressed", n.suppressed());
        if (!n.link().isEmpty()) {
            event.putArray("links").addObject().put("href", n.link()).put("text", "Open in Kibana");
        }
        String message = n.message();
        int over;
        while ((over = Cut.utf8(event.toString()) - MAX_EVENT_BYTES) > 0 && message.length() > 1) {
            message = Cut.bytes(message, Cut.utf8(message) - over);
            details.put("message", message);
        }
        return event;
    }

    /** PagerDuty's error: {@code {"status": "invalid event", "message": "...", "errors": ["..."]}}. */
    static String reason(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            List<String> errors = new ArrayList<>();
            error.path("errors").forEach(e -> errors.add(e.asText()));
            String message = error.path("message").asText(error.path("status").asText(""));
            return message + (errors.isEmpty() ? "" : ": " + String.join("; ", errors));
        } catch (IOException e) {
            return Endpoint.plain(body);
        }
    }
}
