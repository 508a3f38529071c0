package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * When an active scheduled alert (one with {@code "every"}) runs next: its {@code schedule} as said to users
 * ({@code "every 5m"}, {@code "cron \"0 8 * * 1-5\" in Europe/Madrid"}), when it last ran without failing
 * ({@code lastRun}, empty when it never did or its last run failed), and {@code next}, the boundary of its next
 * run. A {@code next} at or before the instant asked about means the next pass runs it (it never ran, its last
 * run failed, or a pass missed its boundary); {@link Instant#MAX} means it never runs again.
 */
public record ScheduledRun(String alert, String schedule, Optional<Instant> lastRun, Instant next) {

    public ScheduledRun {
        requireNonNull(alert, "alert is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(lastRun, "lastRun is null");
        requireNonNull(next, "next is null");
    }

    /** Whether a pass at {@code now} runs the alert. */
    public boolean due(Instant now) {
        return !next.isAfter(now);
    }
}
