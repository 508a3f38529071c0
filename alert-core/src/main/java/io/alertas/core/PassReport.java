package io.alertas.core;

import static java.util.Objects.requireNonNull;

import io.alertas.core.spi.Evaluation;
import io.alertas.core.spi.Notification;
import io.alertas.core.spi.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one pass did: each alert's outcome, each delivery's, and warnings. {@link #succeeded()} is false
 * when any alert or delivery failed.
 */
public record PassReport(Instant now, Duration took, List<AlertOutcome> alerts, List<Delivery> deliveries,
        List<String> warnings) {

    public PassReport {
        requireNonNull(now, "now is null");
        requireNonNull(took, "took is null");
        alerts = List.copyOf(alerts);
        deliveries = List.copyOf(deliveries);
        warnings = List.copyOf(warnings);
    }

    /** How one alert's query and evaluation went. */
    public enum Status { QUIET, FIRED, FAILED }

    /** One alert in one pass; {@code evaluation} is null when it failed, {@code error} null unless it failed. */
    public record AlertOutcome(String alert, Status status, Window window, Evaluation evaluation, String error) {
    }

    /** What happened to one notification on one medium. */
    public enum Result { DELIVERED, THROTTLED, FAILED, DROPPED, DRY_RUN }

    /**
     * One notification on one medium; {@code notification} is null when it was throttled, {@code error} is
     * null unless it failed or was dropped.
     */
    public record Delivery(String alert, String medium, Result result, Notification notification, String error) {
    }

    public long fired() {
        return alerts.stream().filter(a -> a.status() == Status.FIRED).count();
    }

    public long count(Result result) {
        return deliveries.stream().filter(d -> d.result() == result).count();
    }

    public long failedAlerts() {
        return alerts.stream().filter(a -> a.status() == Status.FAILED).count();
    }

    public boolean succeeded() {
        return failedAlerts() == 0 && count(Result.FAILED) == 0 && count(Result.DROPPED) == 0;
    }

    /** The pass in one line, as the log and the runner print it. */
    public String summary() {
        return String.format(Locale.ROOT,
                "pass: %d alerts run, %d fired, %d delivered, %d throttled, %d failed, %d not delivered%s in %.2fs",
                alerts.size(), fired(), count(Result.DELIVERED), count(Result.THROTTLED), failedAlerts(),
                count(Result.FAILED) + count(Result.DROPPED),
                warnings.isEmpty() ? "" : ", " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings"),
                took.toMillis() / 1000.0);
    }

    /**
     * One line per failure: the alerts that failed and the notifications not delivered. Alerts that failed
     * for the same reason, such as a wrong password, are one line that says the reason once and names them.
     */
    public List<String> failures() {
        List<String> lines = new ArrayList<>();
        Map<String, List<String>> byError = new LinkedHashMap<>();
        alerts.stream().filter(a -> a.status() == Status.FAILED)
                .forEach(a -> byError.computeIfAbsent(a.error(), e -> new ArrayList<>()).add(a.alert()));
        byError.forEach((error, names) -> lines.add(names.size() == 1 ? "alert \"" + names.get(0) + "\" failed: " + error
                : names.size() + " alerts failed: " + error + ": " + String.join(", ", names)));
        deliveries.stream().filter(d -> d.result() == Result.FAILED)
                .forEach(d -> lines.add("alert \"" + d.alert() + "\" not delivered to " + d.medium() + ": " + d.error()));
        deliveries.stream().filter(d -> d.result() == Result.DROPPED)
                .forEach(d -> lines.add("alert \"" + d.alert() + "\" dropped for " + d.medium() + ": " + d.error()));
        return lines;
    }
}
