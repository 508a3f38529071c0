package io.alertas.core.internal.config;

import io.alertas.spi.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One routing rule of alerts.json's {@code "routes"}: the alerts it matches (by severity, plugin and a name
 * pattern where {@code *} is any text; a criterion not given matches all) go to its media. An alert without
 * media of its own goes to the media of every route that matches it. {@code maintenance} names the windows
 * that mute its media, and {@code digest} (null when none) gathers what it sends there into one notification
 * per period.
 */
record Route(Set<Severity> severities, Set<String> plugins, Pattern alert, List<String> media, List<String> maintenance,
        Duration digest) {

    static final Set<String> KEYS = Set.of("severity", "plugin", "alert", "media", "maintenance", "digest");

    boolean matches(String name, String plugin, Severity severity) {
        return (severities.isEmpty() || severities.contains(severity)) && (plugins.isEmpty() || plugins.contains(plugin))
                && alert.matcher(name).matches();
    }

    /** A name pattern where {@code *} is any text and everything else is itself. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
