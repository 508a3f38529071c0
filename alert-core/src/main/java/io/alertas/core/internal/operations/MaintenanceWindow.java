package io.alertas.core.internal.operations;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A named, recurring maintenance window of alerts.json: while one is in force, nothing it applies to is sent. */
public final class MaintenanceWindow {

    private final String name;

    public MaintenanceWindow(String name) {
        this.name = requireNonNull(name, "name is null");
    }

    public String name() {
        return name;
    }

    /** Whether the window is in force at {@code instant}. */
    public boolean inForce(Instant instant) {
        return false;
    }
}
