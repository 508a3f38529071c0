package io.alertas.core.internal.config;

import io.alertas.core.internal.operations.MaintenanceWindow;
import io.alertas.spi.Medium;
import java.util.Map;

/** Reads the {@code "maintenance"} of alerts.json: the named, recurring maintenance windows. */
final class MaintenanceSection {

    /** The key of alerts.json that holds the maintenance windows, not an alert. */
    static final String KEY = "maintenance";

    private MaintenanceSection() {
    }

    /** The windows of {@code alertsJson} by name; {@code configured} is null when no medium is known. */
    static Map<String, MaintenanceWindow> read(SettingReader alertsJson, Map<String, Medium> configured) {
        return Map.of();
    }
}
