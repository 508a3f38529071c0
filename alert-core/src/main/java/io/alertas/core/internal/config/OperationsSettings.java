package io.alertas.core.internal.config;

import io.alertas.core.internal.operations.DigestPeriod;
import io.alertas.core.internal.operations.Flapping;
import io.alertas.core.internal.operations.MaintenanceWindow;
import io.alertas.core.internal.operations.Operations;
import io.alertas.core.internal.operations.Schedule;
import io.alertas.spi.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads how an alert is operated from its settings: {@code every}, {@code digest}, {@code maintenance} and
 * {@code flapping}, with the digests and maintenance windows of the routes that chose its media.
 */
final class OperationsSettings {

    private OperationsSettings() {
    }

    /**
     * The operations of the alert whose settings {@code settings} reads; {@code media} are its media,
     * {@code routes} every route of alerts.json and {@code windows} its maintenance windows by name.
     */
    static Operations read(SettingReader settings, String plugin, Severity severity, List<String> media, List<Route> routes,
            Map<String, MaintenanceWindow> windows) {
        return new Operations(schedule(settings), digests(settings, plugin, severity, media, routes),
                maintenance(settings, plugin, severity, media, routes, windows), flapping(settings));
    }

    private static Schedule schedule(SettingReader settings) {
        return ScheduleSetting.read(settings);
    }

    /**
     * The digest period per medium: the alert's own {@code digest} on every one of its media; otherwise, for an
     * alert whose media the routes chose, the {@code digest} of the first matching route that chose each medium.
     */
    private static Map<String, Duration> digests(SettingReader settings, String plugin, Severity severity,
            List<String> media, List<Route> routes) {
        Map<String, Duration> digests = new LinkedHashMap<>();
        if (settings.has("digest")) {
            Duration period = settings.duration("digest", null);
            Optional<String> problem = period == null ? Optional.empty() : DigestPeriod.problem(period);
            problem.ifPresent(p -> settings.problem("digest", "\"digest\" " + p));
            if (period != null && problem.isEmpty()) {
                media.forEach(medium -> digests.put(medium, period));
            }
            return digests;
        }
        if (settings.has("media")) {
            return digests;
        }
        for (Route route : routes) {
            if (route.digest() != null && route.matches(settings.alert(), plugin, severity)) {
                route.media().stream().filter(media::contains).forEach(medium -> digests.putIfAbsent(medium, route.digest()));
            }
        }
        return digests;
    }

    /**
     * Per medium of the alert, the windows that mute it there: those its {@code maintenance} names (on every
     * medium), those of each route that matches it (on the media of that route), and those whose own
     * {@code media} hold the medium. A window a route names that is not known was said where the routes are read.
     */
    private static Map<String, List<MaintenanceWindow>> maintenance(SettingReader settings, String plugin,
            Severity severity, List<String> media, List<Route> routes, Map<String, MaintenanceWindow> windows) {
        List<MaintenanceWindow> own = MaintenanceSection.named(settings, "maintenance", windows);
        String name = settings.alert();
        Map<String, List<MaintenanceWindow>> byMedium = new LinkedHashMap<>();
        for (String medium : media) {
            Set<MaintenanceWindow> muting = new LinkedHashSet<>(own);
            routes.stream().filter(r -> r.media().contains(medium) && r.matches(name, plugin, severity))
                    .flatMap(r -> r.maintenance().stream()).map(windows::get).filter(Objects::nonNull).forEach(muting::add);
            windows.values().stream().filter(w -> w.media().contains(medium)).forEach(muting::add);
            if (!muting.isEmpty()) {
                byMedium.put(medium, List.copyOf(muting));
            }
        }
        return byMedium;
    }

    /** {@code "flapping": {"changes": C, "windows": W}}: both whole numbers, C from 2 to W, W at most {@link Flapping#MOST_WINDOWS}. */
    private static Flapping flapping(SettingReader settings) {
        if (!settings.has("flapping")) {
            return Flapping.NONE;
        }
        SettingReader flapping = settings.child("flapping");
        if (!flapping.object().isObject() || !flapping.has("changes") || !flapping.has("windows")) {
            settings.problem("flapping", "\"flapping\" must be an object such as {\"changes\": 4, \"windows\": 10}");
            return Flapping.NONE;
        }
        int before = flapping.problems().size();
        flapping.unknown("flapping setting", List.of("changes", "windows"));
        int windows = flapping.count("windows", 0, 2, Flapping.MOST_WINDOWS, "from 2 to " + Flapping.MOST_WINDOWS);
        int changes = flapping.count("changes", 0, 2, Flapping.MOST_WINDOWS, "from 2 to \"windows\"");
        if (flapping.problems().size() == before && changes > windows) {
            flapping.problem("changes", "\"changes\" must be a whole number from 2 to \"windows\" (" + windows + "), not " + changes);
        }
        return flapping.problems().size() == before ? new Flapping(changes, windows) : Flapping.NONE;
    }
}
