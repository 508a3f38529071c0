package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * What one pass did: each alert's outcome, each delivery's, warnings, notices (such as a silence that ended
 * and what it muted), and why the state could not be written, if it could not (then nothing was sent from
 * that moment on), and why the stored state was set aside, if it was (then the pass started from an empty one);
 * and the state as the pass left it ({@code state}; empty for a dry run and for a backtest's passes).
 * {@link #succeeded()} is false when any alert or delivery failed, or the state was not written or set aside.
 */
public record PassReport(Instant now, Duration took, List<AlertOutcome> alerts, List<Delivery> deliveries,
        List<String> warnings, List<String> notices, Optional<String> stateUnwritten, Optional<String> stateSetAside,
        Optional<StoredState> state) {

    /**
     * Marks an event of the engine's log whose line this report also holds (an alert's failure, a dropped
     * notification, a warning), so that a program printing the report can leave it out of a log it writes to the
     * same place.
     */
    public static final Marker LOGGED_AND_REPORTED = MarkerFactory.getMarker("ALERTAS_LOGGED_AND_REPORTED");

    public PassReport {
        requireNonNull(now, "now is null");
        requireNonNull(took, "took is null");
        alerts = List.copyOf(alerts);
        deliveries = List.copyOf(deliveries);
        warnings = List.copyOf(warnings);
        notices = List.copyOf(notices);
        requireNonNull(stateUnwritten, "stateUnwritten is null");
        requireNonNull(stateSetAside, "stateSetAside is null");
        requireNonNull(state, "state is null");
    }

    /** A report without the state. */
    public PassReport(Instant now, Duration took, List<AlertOutcome> alerts, List<Delivery> deliveries,
            List<String> warnings, List<String> notices, Optional<String> stateUnwritten, Optional<String> stateSetAside) {
        this(now, took, alerts, deliveries, warnings, notices, stateUnwritten, stateSetAside, Optional.empty());
    }

    /** This report with {@code more} warnings after its own, such as what went wrong after the pass. */
    public PassReport withWarnings(List<String> more) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new PassReport(now, took, alerts, deliveries, all, notices, stateUnwritten, stateSetAside, state);
    }

    /** This report with the state as the pass left it. */
    public PassReport withState(StoredState state) {
        return new PassReport(now, took, alerts, deliveries, warnings, notices, stateUnwritten, stateSetAside,
                Optional.of(state));
    }

    /** How one alert's query and evaluation went. */
    public enum Status { QUIET, FIRED, FAILED }

    /**
     * One alert in one pass; {@code evaluation} is null when it failed, {@code error} null unless it failed,
     * {@code window} null when it failed before its window was known.
     */
    public record AlertOutcome(String alert, Status status, Window window, Evaluation evaluation, String error) {
    }

    /**
     * What happened to one notification on one medium: delivered; held back by the throttle, by the alert's
     * {@code fire_after} (keys that have not fired in enough windows in a row yet), or by a silence; failed
     * (kept for the next pass); dropped; what a dry run or a backtest would send; held back by a maintenance
     * window in force ({@code MAINTENANCE}: a fired or resolved notification is not sent, one waiting from an
     * earlier pass stays waiting); gathered into the digest of its medium, sent at the end of the digest's
     * period; or held because its key is flapping.
     */
    public enum Result { DELIVERED, THROTTLED, DELAYED, SILENCED, FAILED, DROPPED, DRY_RUN, MAINTENANCE, DIGESTED, FLAPPING }

    /**
     * One notification on one medium; {@code notification} is null when it was held back (throttled,
     * delayed, silenced, in maintenance), or not made because the state could not be written; {@code error} is null unless it
     * failed or was dropped; {@code keys} are the keys it concerned (empty when the alert reports none, or
     * when they are not known).
     */
    public record Delivery(String alert, String medium, Result result, Notification notification, String error,
            List<String> keys) {

        public Delivery {
            keys = List.copyOf(keys);
        }

        /** A delivery whose keys are its notification's findings' (none without a notification). */
        public Delivery(String alert, String medium, Result result, Notification notification, String error) {
            this(alert, medium, result, notification, error, notification == null ? List.of()
                    : notification.findings().stream().map(Finding::key).distinct().toList());
        }
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
        return failedAlerts() == 0 && count(Result.FAILED) == 0 && count(Result.DROPPED) == 0
                && stateUnwritten.isEmpty() && stateSetAside.isEmpty();
    }

    /**
     * The pass in one line, as the log and the runner print it: first the alerts (run, fired, failed), then the
     * notifications, one per alert and medium (delivered, held back, not delivered).
     */
    public String summary() {
        return String.format(Locale.ROOT,
                "pass: %d %s run, %d fired, %d failed; notifications (one per alert and medium): %d delivered,"
                        + " %d throttled, %s%s%s%s%s%d not delivered%s in %.2fs",
                alerts.size(), alerts.size() == 1 ? "alert" : "alerts", fired(), failedAlerts(), count(Result.DELIVERED),
                count(Result.THROTTLED),
                count(Result.DELAYED) == 0 ? "" : count(Result.DELAYED) + " delayed, ",
                count(Result.SILENCED) == 0 ? "" : count(Result.SILENCED) + " silenced, ",
                count(Result.MAINTENANCE) == 0 ? "" : count(Result.MAINTENANCE) + " in maintenance, ",
                count(Result.DIGESTED) == 0 ? "" : count(Result.DIGESTED) + " digested, ",
                count(Result.FLAPPING) == 0 ? "" : count(Result.FLAPPING) + " held flapping, ",
                count(Result.FAILED) + count(Result.DROPPED),
                warnings.isEmpty() ? "" : ", " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings"),
                took.toMillis() / 1000.0);
    }

    /**
     * One line per failure: the alerts that failed and the notifications not delivered. Failures with one
     * reason, such as a wrong password or a medium that is down, are one line that says the reason once and
     * names the alerts.
     */
    public List<String> failures() {
        List<String> lines = new ArrayList<>();
        folded(alerts.stream().filter(a -> a.status() == Status.FAILED).toList(), AlertOutcome::error,
                AlertOutcome::alert, a -> "failed", lines);
        for (Result result : List.of(Result.FAILED, Result.DROPPED)) {
            String what = result == Result.FAILED ? "not delivered to " : "dropped for ";
            folded(deliveries.stream().filter(d -> d.result() == result).toList(),
                    Delivery::error, Delivery::alert, d -> what + d.medium(), lines);
        }
        stateSetAside.ifPresent(lines::add);
        stateUnwritten.ifPresent(why -> lines.add("the state was not written: " + why + "; the next pass reads"
                + " again the windows this one could not record"));
        return lines;
    }

    /** One line per distinct (what, error): "alert "a" failed: error", or "3 alerts failed: error: a, b, c". */
    private static <T> void folded(List<T> failures, Function<T, String> error, Function<T, String> alert,
            Function<T, String> what, List<String> lines) {
        Map<List<String>, List<String>> byReason = new LinkedHashMap<>();
        failures.forEach(f -> byReason.computeIfAbsent(List.of(what.apply(f), error.apply(f)), r -> new ArrayList<>())
                .add(alert.apply(f)));
        byReason.forEach((reason, names) -> lines.add(names.size() == 1
                ? "alert \"" + names.get(0) + "\" " + reason.get(0) + ": " + reason.get(1)
                : names.size() + " alerts " + reason.get(0) + ": " + reason.get(1) + ": " + String.join(", ", names)));
    }
}
