package io.alertas.core.internal.config;

import io.alertas.core.pass.Monitoring;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the "monitoring" section of credentials.json: where to write the metrics file and the status page
 * (relative to the config dir), and the dead-man URL to ping after each successful pass; each optional.
 */
final class MonitoringSection {

    private static final List<String> KEYS = List.of("metrics_file", "status_page", "dead_man_url");

    private MonitoringSection() {
    }

    static Monitoring read(SettingReader section, Path dir) {
        if (section.object().isMissingNode()) {
            return Monitoring.NONE;
        }
        if (!section.object().isObject()) {
            section.problem("\"monitoring\" must be an object");
            return Monitoring.NONE;
        }
        section.unknown("setting", KEYS);
        String metrics = section.text("metrics_file", false);
        String page = section.text("status_page", false);
        URI deadMan = section.url("dead_man_url", false, "https://hc-ping.com/UUID");
        return new Monitoring(Optional.ofNullable(metrics).map(dir::resolve), Optional.ofNullable(page).map(dir::resolve),
                Optional.ofNullable(deadMan));
    }
}
