package io.alertas.core.internal.config;

import io.alertas.core.internal.operations.Flapping;
import io.alertas.core.internal.operations.MaintenanceWindow;
import io.alertas.core.internal.operations.Operations;
import io.alertas.core.internal.operations.Schedule;
import io.alertas.spi.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    private static Map<String, Duration> digests(SettingReader settings, String plugin, Severity severity,
            List<String> media, List<Route> routes) {
        return Map.of();
    }

    private static Map<String, List<MaintenanceWindow>> maintenance(SettingReader settings, String plugin,
            Severity severity, List<String> media, List<Route> routes, Map<String, MaintenanceWindow> windows) {
        return Map.of();
    }

    private static Flapping flapping(SettingReader settings) {
        return Flapping.NONE;
    }
}
