package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One document of the history kept in the cluster: at {@code at} (the pass's time), what became of alert
 * {@code alert} ({@code outcome}: {@code fired}, {@code resolved}, {@code failed}, or a delivery's result in lower
 * case such as {@code delivered}, {@code throttled}, {@code silenced}), for {@code key} on {@code medium}, with
 * its masked {@code message}. Fields the document lacks are null: {@code key} for an alert that reports no keys,
 * {@code medium} for an event of the alert itself, {@code windowStart} and {@code windowEnd} for an alert that
 * failed before its window was known.
 */
public record HistoryEntry(Instant at, String alert, String key, String severity, String medium, String outcome,
        String message, Instant windowStart, Instant windowEnd, String runner, String plugin) {

    public HistoryEntry {
        requireNonNull(at, "at is null");
        requireNonNull(alert, "alert is null");
        requireNonNull(outcome, "outcome is null");
    }
}
