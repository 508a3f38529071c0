package io.alertas.core.internal;

import io.alertas.core.internal.state.Silence;
import io.alertas.core.internal.state.State;
import io.alertas.spi.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides whether a firing may go out through a medium now. A key goes out when it fired
 * in {@code fire_after} windows in a row, no silence mutes it, no maintenance window in force mutes its alert
 * on that medium, the throttle does not hold it there, and this runner claimed it there. What is held back is
 * counted: on its silence, on its maintenance window, or as suppressed by the throttle.
 */
final class Clearance {

    private final State state;
    private final Gate gate;
    private final Instant now;
    private final Maintenance maintenance;

    Clearance(State state, Gate gate, Instant now, Maintenance maintenance) {
        this.state = state;
        this.gate = gate;
        this.now = now;
        this.maintenance = maintenance;
    }

    /**
     * Whether a maintenance window in force mutes {@code alert}'s notification of {@code kind} on {@code medium}:
     * then nothing is sent there (a waiting one stays waiting), and the window counts what it muted.
     */
    boolean muted(Alert alert, String medium, Maintenance.Kind kind) {
        return maintenance.mutes(alert, medium, kind);
    }

    /**
     * The keys of a firing that no medium has to hold back: those of {@code keys} that are {@code due}, and
     * not muted by a silence; with how many were delayed by fire_after, and how many silenced.
     */
    record Open(List<String> keys, int delayed, int silenced) {
    }

    /** The throttle's keys of a firing: each finding's key, or the whole alert's when it reports none. */
    static List<String> keys(List<Finding> findings) {
        return findings.isEmpty() ? List.of(State.wholeAlert()) : findings.stream().map(Finding::key).distinct().toList();
    }

    /** What of {@code keys} of {@code alert} may go out on its media, each muted one counted on its silence. */
    Open open(Alert alert, List<String> keys, Set<String> due) {
        List<String> open = new ArrayList<>();
        int delayed = 0;
        int silenced = 0;
        for (String key : keys) {
            Optional<Silence> silence = state.silencing(alert.name(), key, now);
            if (!due.contains(key)) {
                delayed++;
            } else if (silence.isPresent()) {
                Silence s = silence.get();
                state.silence(new Silence(s.id(), s.alert(), s.key(), s.from(), s.until(), s.reason(),
                        s.muted() == Integer.MAX_VALUE ? s.muted() : s.muted() + 1));
                silenced++;
            } else {
                open.add(key);
            }
        }
        return new Open(open, delayed, silenced);
    }

    /**
     * The throttle's and the claim's one decision: which of {@code keys} go out on {@code medium} now. A key
     * still throttled there, or that another runner claimed, stays back and is counted as suppressed.
     */
    Set<String> releasable(String alert, String medium, List<String> keys, Duration period) {
        List<String> open = keys.stream().filter(k -> !state.throttled(alert, medium, k, period, now)).toList();
        Set<String> granted = open.isEmpty() ? Set.of() : gate.claim(alert, medium, open, period);
        keys.stream().filter(k -> !granted.contains(k)).forEach(k -> gate.suppress(alert, medium, k));
        return granted;
    }
}
