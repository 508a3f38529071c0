package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A maintenance window of alerts.json as of one instant, for {@code status} and the status page: its name, its
 * time zone, whether it is in force and until when ({@code until}; empty when it is not in force, or when no end
 * comes within four years), the start and end of its next stretch in force after this one ({@code nextStart},
 * {@code nextEnd}; empty when none comes within four years), and what it mutes: each alert's name with the
 * medium, such as {@code "web_errors on slack"}.
 */
public record MaintenanceStatus(String window, ZoneId zone, boolean inForce, Optional<Instant> until,
        Optional<Instant> nextStart, Optional<Instant> nextEnd, List<String> mutes) {

    public MaintenanceStatus {
        requireNonNull(window, "window is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(until, "until is null");
        requireNonNull(nextStart, "nextStart is null");
        requireNonNull(nextEnd, "nextEnd is null");
        mutes = List.copyOf(mutes);
    }
}
