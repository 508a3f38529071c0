package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Medium;
import io.alertas.spi.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chooses the media an alert sends to: those its settings name, else those its plugin names, else those of
 * the routes that match it, else, with no routes, every configured medium.
 */
final class MediaChoice {

    private MediaChoice() {
    }

    /**
     * The media of the alert of {@code definition}, read from its {@code settings}; each must be one of
     * {@code configured}, which is null when no medium is known (and then nothing is checked).
     */
    static List<String> of(AlertDefinition definition, Plugin plugin, SettingReader settings,
            Map<String, Medium> configured, List<Route> routes, Severity severity, boolean active) {
        String name = definition.name();
        List<String> wanted = new ArrayList<>(definition.media());
        String where = plugin.jar();
        if (settings.has("media")) {
            JsonNode list = settings.object().get("media");
            where = settings.place("media");
            wanted.clear();
            if (!list.isArray()) {
                settings.problem("media", "\"media\" must be a list such as [\"slack\", \"email\"]");
                return List.of();
            }
            list.forEach(m -> wanted.add(m.asText()));
        }
        if (wanted.isEmpty() && !settings.has("media") && configured != null) {
            if (routes.isEmpty()) {
                wanted.addAll(configured.keySet());
            } else {
                routes.stream().filter(r -> r.matches(name, plugin.module(), severity))
                        .flatMap(r -> r.media().stream()).distinct().forEach(wanted::add);
            }
        }
        if (configured == null) {
            return wanted;
        }
        if (active) {
            BrokenMedium.usedBy(name, wanted, configured);
        }
        for (String medium : wanted) {
            if (!configured.containsKey(medium)) {
                settings.problems().add(new Problem(where, name, notConfigured(medium, configured)));
            }
        }
        if (active && wanted.isEmpty()) {
            settings.problem(routes.isEmpty()
                    ? "has no medium to notify; configure \"slack\" or \"email\" in credentials.json"
                    : "has no medium to notify: no route of alerts.json matches it; give it \"media\" or add a route");
        }
        return wanted;
    }

    /** What is said of {@code medium}, named where a configured one is wanted. */
    static String notConfigured(String medium, Map<String, Medium> configured) {
        return "medium \"" + medium + "\" is not configured; configured media: "
                + (configured.isEmpty() ? "(none: add \"slack\" or \"email\" to credentials.json)"
                        : String.join(", ", configured.keySet()));
    }
}
