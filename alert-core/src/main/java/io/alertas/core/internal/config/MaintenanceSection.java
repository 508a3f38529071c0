package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.operations.MaintenanceInterval;
import io.alertas.core.internal.operations.MaintenanceWindow;
import io.alertas.spi.Medium;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * Reads the {@code "maintenance"} of alerts.json: the named, recurring maintenance windows, each with its time
 * zone ({@code "time_zone"}, an IANA name; UTC when not given), its {@code "intervals"} ({@link MaintenanceFields})
 * and the {@code "media"} it mutes for every alert. It also checks the windows the routes name.
 */
final class MaintenanceSection {

    /** The key of alerts.json that holds the maintenance windows, not an alert. */
    static final String KEY = "maintenance";
    /** The most windows, the most intervals of one window and the most windows one alert or route names. */
    static final int MAX_WINDOWS = 100;
    static final int MAX_INTERVALS = 100;
    private static final Set<String> KEYS = new TreeSet<>(Set.of("time_zone", "intervals", "media"));
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private MaintenanceSection() {
    }

    /** The windows of {@code alertsJson} by name; {@code configured} is null when no medium is known. */
    static Map<String, MaintenanceWindow> read(SettingReader alertsJson, Map<String, Medium> configured) {
        Map<String, MaintenanceWindow> windows = new LinkedHashMap<>();
        JsonNode section = alertsJson.object().path(KEY);
        if (section.isMissingNode()) {
            return windows;
        }
        SettingReader reader = alertsJson.child(KEY);
        if (!section.isObject()) {
            reader.problem("\"maintenance\" must be an object of windows by name, such as {\"nightly\": {\"time_zone\":"
                    + " \"Europe/Madrid\", \"intervals\": [{\"times\": [{\"start\": \"02:00\", \"end\": \"04:00\"}]}]}}");
            return windows;
        }
        if (section.size() > MAX_WINDOWS) {
            reader.problem("\"maintenance\" has " + section.size() + " windows; at most " + MAX_WINDOWS);
            return windows;
        }
        for (Iterator<String> names = section.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            SettingReader window = reader.child(name);
            String wrong = wrongName(name);
            if (wrong != null) {
                reader.problem(name, "a maintenance window's name " + wrong);
                continue;
            }
            MaintenanceWindow read = window(name, window, configured);
            if (read != null) {
                windows.put(name, read);
            }
        }
        checkRoutes(alertsJson, windows);
        return windows;
    }

    /** The windows that {@code key} of {@code settings} names, each one of {@code windows}; an unknown one is said. */
    static List<MaintenanceWindow> named(SettingReader settings, String key, Map<String, MaintenanceWindow> windows) {
        List<String> names = settings.strings(key);
        List<MaintenanceWindow> named = new ArrayList<>();
        if (names.size() > MAX_WINDOWS) {
            settings.problem(key, "\"" + key + "\" names " + names.size() + " windows; at most " + MAX_WINDOWS);
            return named;
        }
        for (String name : new LinkedHashSet<>(names)) {
            MaintenanceWindow window = windows.get(name);
            if (window != null) {
                named.add(window);
            } else {
                String wrong = wrongName(name);
                settings.problem(key, wrong != null ? "\"" + key + "\" names no window: a window's name " + wrong
                        : "no maintenance window is named \"" + name + "\" in alerts.json's \"maintenance\"; known: "
                                + (windows.isEmpty() ? "(none)" : String.join(", ", windows.keySet())));
            }
        }
        return named;
    }

    /** What is wrong with {@code name} as a window's name, or null. */
    private static String wrongName(String name) {
        if (NAME.matcher(name).matches()) {
            return null;
        }
        if (name.isEmpty() || name.length() > 64) {
            return "must be 1 to 64 characters long";
        }
        int at = 0;
        while (NAME.matcher(name.substring(at, at + 1)).matches()) {
            at++;
        }
        char c = name.charAt(at);
        return "may hold only letters, digits, '_', '-' and '.'; this one holds "
                + (c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c))
                + " at character " + (at + 1);
    }

    private static MaintenanceWindow window(String name, SettingReader window, Map<String, Medium> configured) {
        int before = window.problems().size();
        if (!window.object().isObject()) {
            window.problem("maintenance window \"" + name + "\" must be an object of " + String.join(", ", KEYS));
            return null;
        }
        window.unknown("maintenance window setting", KEYS);
        ZoneId zone = ZoneOffset.UTC;
        String zoneName = window.text("time_zone", false);
        if (zoneName != null) {
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                window.problem("time_zone", "\"time_zone\" must be an IANA time zone such as \"Europe/Madrid\" or \"UTC\"");
            }
        }
        List<MaintenanceInterval> intervals = new ArrayList<>();
        JsonNode list = window.object().path("intervals");
        if (!list.isArray() || list.isEmpty()) {
            window.problem("intervals", "maintenance window \"" + name + "\" needs \"intervals\", a non-empty list such as"
                    + " [{\"weekdays\": [\"saturday\"], \"times\": [{\"start\": \"02:00\", \"end\": \"04:00\"}]}]");
        } else if (list.size() > MAX_INTERVALS) {
            window.problem("intervals", "\"intervals\" has " + list.size() + " intervals; at most " + MAX_INTERVALS);
        } else {
            SettingReader all = window.child("intervals");
            for (int i = 0; i < list.size(); i++) {
                MaintenanceInterval interval = MaintenanceFields.read(all.element(i));
                if (interval != null) {
                    intervals.add(interval);
                }
            }
        }
        List<String> media = window.strings("media");
        for (String medium : media) {
            if (configured != null && !configured.containsKey(medium)) {
                window.problem("media", MediaChoice.notConfigured(medium, configured));
            }
        }
        return window.problems().size() > before ? null : new MaintenanceWindow(name, zone, intervals, Set.copyOf(media));
    }

    /** Says each window a route names that is not one of {@code windows}, at the route's place. */
    private static void checkRoutes(SettingReader alertsJson, Map<String, MaintenanceWindow> windows) {
        JsonNode routes = alertsJson.object().path(Routes.KEY);
        for (int i = 0; routes.isArray() && i < routes.size(); i++) {
            JsonNode names = routes.get(i).path(KEY);
            if (names.isTextual() || names.isArray()
                    && StreamSupport.stream(names.spliterator(), false).allMatch(JsonNode::isTextual)) {   // another shape is said once, by Routes
                named(alertsJson.child(Routes.KEY).element(i), KEY, windows);
            }
        }
    }
}
