package io.alertas.core.internal.history;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Whether each real pass writes what it did to the cluster, and where: daily indices {@code INDEX-YYYY.MM.DD}
 * under one index template, each deleted once it is older than {@code retention}. Read from credentials.json's
 * {@code "history"} section; on by default when the state is kept in the cluster.
 */
public record HistorySetting(boolean enabled, String index, Duration retention) {

    /** The index name's prefix when none is given. */
    public static final String DEFAULT_INDEX = "alertas-history";
    /** How long the history is kept when no retention is given. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** No history. */
    public static final HistorySetting OFF = new HistorySetting(false, DEFAULT_INDEX, DEFAULT_RETENTION);

    public HistorySetting {
        requireNonNull(index, "index is null");
        requireNonNull(retention, "retention is null");
    }
}
