package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A key of {@code alert} marked flapping since {@code since}: its state changed {@code changes} times in its last
 * {@code windows} windows, and its fired and resolved notifications are held until it is stable. {@code key} is
 * null for an alert that reports no keys.
 */
public record FlappingKey(String alert, String key, Instant since, int changes, int windows) {

    public FlappingKey {
        requireNonNull(alert, "alert is null");
        requireNonNull(since, "since is null");
    }
}
