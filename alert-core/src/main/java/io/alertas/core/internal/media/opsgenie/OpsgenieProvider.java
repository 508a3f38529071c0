package io.alertas.core.internal.media.opsgenie;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Opsgenie's Alert API: {@code {"api_key": "${OPSGENIE_API_KEY}", "region": "eu"}} (us by default; {@code
 * "url"} replaces the API's root, below which requests go to {@code /v2/alerts}). Each finding creates an
 * alert whose {@code alias} is alert/key, so Opsgenie
 * deduplicates repeats of a key; an alert without findings is one alert, aliased by its name; a resolved
 * notification closes the alerts of its keys by alias. Severity maps to priority P1 (critical), P3 (warning)
 * or P5 (info); the message (the title and the key) is cut to 130 characters and the description (the
 * message and the finding) to 15,000. The API key is a secret.
 */
public final class OpsgenieProvider implements MediumProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, URI> REGIONS = Map.of("us", URI.create("https://api.opsgenie.com"),
            "eu", URI.create("https://api.eu.opsgenie.com"));
    static final int MAX_MESSAGE = 130;
    static final int MAX_ALIAS = 512;
    static final int MAX_DESCRIPTION = 15_000;

    @Override
    public String name() {
        return "opsgenie";
    }

    @Override
    public Medium create(JsonNode settings) throws SettingException {
        String apiKey = Settings.required(settings, "api_key");
        if (!apiKey.matches("[A-Za-z0-9-]+")) {
            throw new SettingException("api_key", "must be an Opsgenie API key (letters, digits and '-')");
        }
        String region = Settings.optional(settings, "region", "us");
        if (!REGIONS.containsKey(region)) {
            throw new SettingException("region", "must be \"us\" or \"eu\"");
        }
        URI base = settings.has("url") ? Settings.url(settings, "url", true, "the Opsgenie API") : REGIONS.get(region);
        String root = base.toString().replaceAll("/+$", "");
        Map<String, String> auth = Map.of("Authorization", "GenieKey " + apiKey);
        Endpoint endpoint = new Endpoint("Opsgenie");
        return Reachable.http(base, notification -> Events.send(notification, (key, text) -> {
            String alias = Keys.identity(notification.alert(), key, MAX_ALIAS);
            if (notification.resolved()) {
                URI close = URI.create(root + "/v2/alerts/" + URLEncoder.encode(alias, StandardCharsets.UTF_8)
                        .replace("+", "%20") + "/close?identifierType=alias");
                endpoint.send(close, "POST", auth, JSON.createObjectNode().put("source", "alertas")
                        .put("note", notification.message()).toString(), OpsgenieProvider::reason);
            } else {
                endpoint.send(URI.create(root + "/v2/alerts"), "POST", auth,
                        alert(notification, key, text, alias).toString(), OpsgenieProvider::reason);
            }
        }));
    }

    /** The create-alert request of one finding, or of the whole alert when {@code key} is "". */
    public static ObjectNode alert(Notification n, String key, String text, String alias) {
        String message = n.title() + (key.isEmpty() ? "" : ": " + key);
        String description = n.message() + (key.isEmpty() ? "" : "\n\n" + key + ": " + text) + "\nwindow "
                + n.window().start() + " to " + n.window().end() + (n.link().isEmpty() ? "" : "\n" + n.link());
        ObjectNode alert = JSON.createObjectNode()
                .put("message", Cut.chars(message, MAX_MESSAGE))
                .put("alias", alias)
                .put("description", Cut.chars(description, MAX_DESCRIPTION))
                .put("priority", switch (n.severity()) {
                    case CRITICAL -> "P1";
                    case WARNING -> "P3";
                    default -> "P5";
                })
                .put("source", n.cluster().isEmpty() ? "alertas" : n.cluster());
        alert.putArray("tags").add("alertas").add(n.alert()).add(n.severity().label());
        alert.putObject("details").put("alert", n.alert()).put("key", key).put("fired_at", n.firedAt().toString())
                .put("suppressed", String.valueOf(n.suppressed()));
        return alert;
    }

    /** Opsgenie's error: {@code {"message": "...", "took": 0.01, "requestId": "..."}}. */
    static String reason(String body) {
        try {
            return JSON.readTree(body).path("message").asText("");
        } catch (IOException e) {
            return Endpoint.plain(body);
        }
    }
}
