package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.operations.DigestPeriod;
import io.alertas.spi.Medium;
import io.alertas.spi.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code "routes"} of alerts.json: a list of rules such as {@code {"severity": "critical", "media":
 * ["pagerduty"]}}, each naming configured media.
 */
final class Routes {

    /** The key of alerts.json that holds the routing rules, not an alert. */
    static final String KEY = "routes";

    private Routes() {
    }

    /** The routes of {@code alertsJson}; {@code configured} is null when no medium is known. */
    static List<Route> read(SettingReader alertsJson, Map<String, Medium> configured) {
        JsonNode list = alertsJson.object().get(KEY);
        if (list == null) {
            return List.of();
        }
        SettingReader rules = alertsJson.child(KEY);
        if (!list.isArray()) {
            rules.problem("\"routes\" must be a list of rules such as {\"severity\": \"critical\", \"media\": [\"pagerduty\"]}");
            return List.of();
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            SettingReader rule = rules.element(i);
            int before = rule.problems().size();
            if (!rule.object().isObject()) {
                rule.problem("a route must be an object of \"severity\", \"plugin\", \"alert\" and \"media\"");
                continue;
            }
            rule.unknown("route setting", new TreeSet<>(Route.KEYS));
            Set<Severity> severities = new HashSet<>();
            for (String label : rule.strings("severity")) {
                Severity severity = rule.severity("severity", label);
                if (severity != null) {
                    severities.add(severity);
                }
            }
            Set<String> plugins = new HashSet<>(rule.strings("plugin"));
            JsonNode alert = rule.object().path("alert");
            if (rule.has("alert") && !alert.isTextual()) {
                rule.problem("alert", "\"alert\" must be a name pattern such as \"ssh_*\"");
            }
            List<String> media = rule.strings("media");
            if (media.isEmpty() && !rule.has("media")) {
                rule.problem("a route needs \"media\", the media it sends to");
            }
            for (String medium : media) {
                if (configured != null && !configured.containsKey(medium)) {
                    rule.problem("media", MediaChoice.notConfigured(medium, configured));
                }
            }
            Duration digest = rule.has("digest") ? rule.duration("digest", null) : null;
            if (digest != null) {
                DigestPeriod.problem(digest).ifPresent(p -> rule.problem("digest", "\"digest\" " + p));
            }
            if (rule.problems().size() == before) {
                routes.add(new Route(severities, plugins, Route.glob(alert.isTextual() ? alert.asText() : "*"), media,
                        rule.strings("maintenance"), digest));
            }
        }
        return routes;
    }
}
