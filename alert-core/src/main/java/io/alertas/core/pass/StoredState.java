package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state the passes keep, read-only, as {@code status}, the metrics and the status page show it: each
 * runner's last pass, each alert's last activity by alert name, the keys the throttle holds, the silences, and
 * the notifications waiting for a medium. A snapshot: it does not change as later passes run.
 */
public record StoredState(List<PassRecord> passes, Map<String, Activity> activity, List<Throttled> throttled,
        List<Silence> silences, List<Waiting> pending) {

    public StoredState {
        passes = List.copyOf(passes);
        activity = Collections.unmodifiableMap(new TreeMap<>(activity));
        throttled = List.copyOf(throttled);
        silences = List.copyOf(silences);
        pending = List.copyOf(pending);
    }

    /**
     * The last pass of one runner (a host): when, how long it took, whether it succeeded, when one last did
     * (null if never), and how many passes it ran and how many of them failed.
     */
    public record PassRecord(String runner, Instant at, Duration took, boolean succeeded, Instant lastSuccess,
            long passes, long failed) {
        public PassRecord {
            requireNonNull(runner, "runner is null");
            requireNonNull(at, "at is null");
            requireNonNull(took, "took is null");
        }
    }

    /**
     * What an alert last did: when it last ran, last fired, and last failed and why; all but {@code lastRun}
     * are null when it never did.
     */
    public record Activity(Instant lastRun, Instant lastFired, Instant lastFailedAt, String lastError) {
        public Activity {
            requireNonNull(lastRun, "lastRun is null");
        }

        /** Whether its last run failed. */
        public boolean failing() {
            return lastRun.equals(lastFailedAt);
        }
    }

    /**
     * A key of an alert that was delivered on a medium at {@code deliveredAt}, and the firings held back since;
     * {@code key} is null for an alert that reports no keys (the whole alert).
     */
    public record Throttled(String alert, String medium, String key, Instant deliveredAt, int suppressed) {
        public Throttled {
            requireNonNull(alert, "alert is null");
            requireNonNull(medium, "medium is null");
            requireNonNull(deliveredAt, "deliveredAt is null");
        }
    }

    /** A notification of an alert waiting for a medium: its attempts, first failure and last error, whether it says "resolved". */
    public record Waiting(String alert, String medium, int attempts, Instant firstFailedAt, String lastError,
            boolean resolved) {
        public Waiting {
            requireNonNull(alert, "alert is null");
            requireNonNull(medium, "medium is null");
            requireNonNull(firstFailedAt, "firstFailedAt is null");
            requireNonNull(lastError, "lastError is null");
        }
    }
}
