package io.alertas.core.internal.config;

import static java.util.Objects.requireNonNull;

import io.alertas.spi.AlertDefinition;
import java.util.List;

/**
 * An alert module that loaded: its name, the jar it came from (as shown to users) and its alerts.
 */
public record Plugin(String module, String jar, List<AlertDefinition> alerts) {

    public Plugin {
        requireNonNull(module, "module is null");
        requireNonNull(jar, "jar is null");
        alerts = List.copyOf(requireNonNull(alerts, "alerts is null"));
    }
}
