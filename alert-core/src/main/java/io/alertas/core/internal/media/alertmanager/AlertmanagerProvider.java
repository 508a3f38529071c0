package io.alertas.core.internal.media.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.media.ClockedProvider;
import io.alertas.core.internal.media.HeaderValues;
import io.alertas.core.internal.media.Settings;
import io.alertas.spi.Durations;
import io.alertas.spi.Medium;
import io.alertas.spi.SettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alertmanager's API v2: {@code {"urls": ["http://am1:9093", "http://am2:9093"], "username": "alertas",
 * "password": "${AM_PASSWORD}"}} (or {@code "bearer_token"}), with {@code "ca_certificate"} (an absolute path)
 * for an https Alertmanager with a private CA, {@code "labels"} added to every alert, {@code "lease"} (how
 * long a firing alert lasts unless told again, 2h by default), and {@code "timeout"} (10s). The alerts are
 * made by {@link PostableAlerts} and sent by {@link Alertmanagers}. The URLs, the password and the token are
 * secrets.
 */
public final class AlertmanagerProvider implements ClockedProvider {

    static final Set<String> FIELDS = Set.of("urls", "username", "password", "bearer_token", "ca_certificate",
            "labels", "lease", "timeout");
    /** The labels Alertas sets itself, which {@code "labels"} may not replace. */
    static final Set<String> RESERVED = Set.of("alertname", "severity", "key", "plugin");
    static final int MAX_URLS = 16;
    static final int MAX_LABELS = 32;
    static final Duration LEASE = Duration.ofHours(2);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public Medium create(JsonNode settings, Clock clock) throws SettingException {
        for (Iterator<String> it = settings.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new SettingException(field, "is not a setting of alertmanager; known: "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        List<URI> urls = urls(settings);
        Map<String, String> headers = new LinkedHashMap<>();
        String username = Settings.optional(settings, "username", null);
        String password = Settings.optional(settings, "password", null);
        String token = Settings.optional(settings, "bearer_token", null);
        if ((username == null) != (password == null)) {
            throw new SettingException(username == null ? "username" : "password",
                    "is missing; give both username and password, or neither");
        }
        if (username != null && token != null) {
            throw new SettingException("bearer_token", "cannot go with username and password; give one of them");
        }
        if (username != null) {
            HeaderValues.check("username", username);
            HeaderValues.check("password", password);
            if (username.contains(":")) {
                throw new SettingException("username", "cannot hold ':' (basic authentication splits there)");
            }
            headers.put("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } else if (token != null) {
            HeaderValues.check("bearer_token", token);
            headers.put("Authorization", "Bearer " + token);
        }
        PostableAlerts alerts = new PostableAlerts(labels(settings.path("labels")),
                duration(settings, "lease", LEASE, Duration.ofMinutes(1), Durations.MAX), clock);
        Duration timeout = duration(settings, "timeout", TIMEOUT, Duration.ofSeconds(1), MAX_TIMEOUT);
        return new Alertmanagers(urls, headers, alerts, timeout, Settings.caCertificate(settings, "ca_certificate", "/etc/alertas/am-ca.crt"));
    }

    /** The Alertmanagers' URLs, each the root below which {@code /api/v2/alerts} is; secrets, so never quoted. */
    private static List<URI> urls(JsonNode settings) throws SettingException {
        JsonNode given = settings.path("urls");
        if (!given.isArray() && !given.isTextual()) {
            throw new SettingException("urls",
                    "is missing; give the URL of each Alertmanager, such as [\"http://am1:9093\", \"http://am2:9093\"]");
        }
        List<URI> urls = new ArrayList<>();
        for (JsonNode item : given.isArray() ? given : List.of(given)) {
            String at = "urls" + (given.isArray() ? "." + urls.size() : "");
            URI url = null;
            try {
                url = item.isTextual() ? new URI(item.asText()) : null;
            } catch (URISyntaxException e) {
                // said below, without the value
            }
            if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                    || url.getRawQuery() != null || url.getRawFragment() != null) {
                throw new SettingException(at,
                        "must be an http(s) URL of an Alertmanager, such as \"http://am1:9093\", without a query");
            }
            if (url.getRawUserInfo() != null) {
                throw new SettingException(at, "must not hold a user and password; give them as \"username\" and \"password\"");
            }
            if (urls.contains(url)) {
                throw new SettingException(at, "is given twice");
            }
            urls.add(url);
        }
        if (urls.isEmpty() || urls.size() > MAX_URLS) {
            throw new SettingException("urls", "must list from 1 to " + MAX_URLS + " Alertmanagers");
        }
        return urls;
    }

    /** The medium's own labels: names as Prometheus allows them, values of one line. */
    private static Map<String, String> labels(JsonNode given) throws SettingException {
        Map<String, String> labels = new LinkedHashMap<>();
        if (given.isMissingNode()) {
            return labels;
        }
        if (!given.isObject() || given.size() > MAX_LABELS) {
            throw new SettingException("labels",
                    "must be an object of at most " + MAX_LABELS + " labels, such as {\"team\": \"secops\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            String name = label.getKey();
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]{0,127}") || name.startsWith("__")) {
                throw new SettingException("labels", "has a label name Alertmanager does not take: a name is letters,"
                        + " digits and '_' (at most 128), not starting with a digit or \"__\"");
            }
            if (RESERVED.contains(name)) {
                throw new SettingException("labels." + name,
                        "is set by Alertas itself (" + String.join(", ", RESERVED.stream().sorted().toList()) + ")");
            }
            JsonNode value = label.getValue();
            if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > PostableAlerts.MAX_LABEL
                    || !PostableAlerts.value(value.asText()).equals(value.asText())) {
                throw new SettingException("labels." + name, "must be a non-empty line of text of at most "
                        + PostableAlerts.MAX_LABEL + " characters, without control characters");
            }
            labels.put(name, value.asText());
        }
        return labels;
    }

    private static Duration duration(JsonNode settings, String field, Duration fallback, Duration min, Duration max)
            throws SettingException {
        JsonNode value = settings.path(field);
        if (value.isMissingNode()) {
            return fallback;
        }
        Duration duration = Durations.parse(value);
        if (duration == null || duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new SettingException(field, "must be a duration like \"30s\", \"10m\", \"2h\" from " + min.toSeconds()
                    + "s to " + (max.equals(Durations.MAX) ? "1095d" : max.toSeconds() + "s"));
        }
        return duration;
    }
}
