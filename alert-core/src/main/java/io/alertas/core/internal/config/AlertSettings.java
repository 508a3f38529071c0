package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.Alert;
import io.alertas.core.internal.QueryTemplate;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.operations.MaintenanceWindow;
import io.alertas.core.internal.operations.Operations;
import io.alertas.core.internal.templates.MediumTemplates;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Medium;
import io.alertas.spi.Severity;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads one alert's settings (its entry of alerts.json, or its own file in alerts.d) over what its plugin
 * defines, and makes the alert a pass runs: active or not, its throttle period, windows, index, severity,
 * params, media, templates, query and operations ({@link OperationsSettings}).
 */
final class AlertSettings {

    /** The settings of an alert, as an entry of alerts.json holds them, in the order a message lists them. */
    static final SortedSet<String> KEYS = Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(
            "active", "throttle_period", "media", "index", "params", "query_delay", "max_catchup", "severity",
            "fire_after", "resolve_after", "templates", "every", "digest", "maintenance", "flapping")));
    private static final Duration DEFAULT_MAX_CATCHUP = Duration.ofHours(24);
    /** The most windows fire_after and resolve_after may count: a day of one-minute passes. */
    private static final int MAX_WINDOWS = 1440;
    private static final String WINDOWS = "of windows from 1 to " + MAX_WINDOWS;

    private AlertSettings() {
    }

    /** The keys a file of alerts.d may hold: {@link #KEYS} and {@code declaring}, those that declare its alert. */
    static SortedSet<String> keysAnd(Set<String> declaring) {
        SortedSet<String> keys = new TreeSet<>(KEYS);
        keys.addAll(declaring);
        return Collections.unmodifiableSortedSet(keys);
    }

    /**
     * The alert of {@code definition} (defined by {@code plugin}) with the settings of {@code entry}; null when
     * any of them is wrong. {@code media} are the configured media, null when none is known.
     */
    static Alert read(AlertDefinition definition, Plugin plugin, AlertEntry entry, Map<String, Medium> media,
            List<Route> routes, Map<String, MaintenanceWindow> windows, AlertQueries queries, List<Problem> problems) {
        String name = definition.name();
        SettingReader settings = new SettingReader(entry.file(), entry.settings(), entry.at(), name, problems);
        int before = problems.size();
        if (!settings.object().isObject()) {
            settings.problem("must be an object of settings such as \"active\", \"throttle_period\"");
            return null;
        }
        settings.unknown("setting", entry.known());
        boolean active = settings.flag("active", definition.active());
        Duration throttle = settings.duration("throttle_period", definition.throttlePeriod());
        Duration queryDelay = settings.duration("query_delay", definition.queryDelay());
        Duration maxCatchup = settings.duration("max_catchup", DEFAULT_MAX_CATCHUP);
        String index = settings.has("index") ? settings.text("index", true) : definition.index();
        Severity severity = definition.severity();
        if (settings.has("severity")) {
            Severity given = settings.severity("severity", settings.object().get("severity").asText());
            severity = given == null ? severity : given;
        }
        int fireAfter = settings.count("fire_after", 1, 1, MAX_WINDOWS, WINDOWS);
        int resolveAfter = settings.count("resolve_after", 0, 1, MAX_WINDOWS, WINDOWS);
        ObjectNode params = ParamValues.read(definition, settings);
        List<String> alertMedia = MediaChoice.of(definition, plugin, settings, media, routes, severity, active);
        Map<String, MediumTemplates> templates = AlertTemplates.read(settings, alertMedia);
        Operations operations = OperationsSettings.read(settings, plugin.module(), severity, alertMedia, routes, windows);
        QueryTemplate query = queries.query(definition, plugin, params, problems);
        if (problems.size() > before) {
            return null;
        }
        String path = definition.path().replace("{index}", ElasticsearchClient.encodeIndex(index));
        return new Alert(name, plugin.module(), plugin.jar(), definition.description(), severity, index,
                definition.method(), path, query, throttle, active, alertMedia, params, definition.params(), queryDelay,
                maxCatchup, fireAfter, resolveAfter, templates, definition.evaluator(), operations);
    }
}
