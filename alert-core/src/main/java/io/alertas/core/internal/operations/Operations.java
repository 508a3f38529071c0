package io.alertas.core.internal.operations;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a team operates one alert beyond firing and throttling: when it runs ({@code schedule}), per medium the
 * period of its digest and the maintenance windows that mute it, and when a key counts as flapping. Read from
 * the alert's settings, the routes that chose its media and the windows of alerts.json; {@link #NONE} is an
 * alert that runs every pass and sends each firing at once.
 */
public record Operations(Schedule schedule, Map<String, Duration> digests, Map<String, List<MaintenanceWindow>> maintenance,
        Flapping flapping) {

    public static final Operations NONE = new Operations(Schedule.EVERY_PASS, Map.of(), Map.of(), Flapping.NONE);

    public Operations {
        requireNonNull(schedule, "schedule is null");
        digests = Map.copyOf(digests);
        maintenance = Map.copyOf(maintenance);
        requireNonNull(flapping, "flapping is null");
    }

    /** The period of the digest on {@code medium}, if its firings are gathered there rather than sent at once. */
    public Optional<Duration> digest(String medium) {
        return Optional.ofNullable(digests.get(medium));
    }

    /** The maintenance windows that mute the alert on {@code medium}. */
    public List<MaintenanceWindow> maintenance(String medium) {
        return maintenance.getOrDefault(medium, List.of());
    }
}
