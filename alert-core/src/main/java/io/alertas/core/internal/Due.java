package io.alertas.core.internal;

import io.alertas.core.internal.operations.Schedule;
import io.alertas.core.internal.state.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which of the alerts a pass selected run now: each alert whose {@link Schedule} has a boundary after its last
 * run and at or before the pass's instant. The others are left for a later pass: not evaluated, their window
 * not moved, said in one notice (not a failure). An alert named on the command line runs whatever its
 * schedule, unless the pass replays history, where the schedule says which windows a scheduled alert ran.
 */
final class Due {

    /** How many of the alerts left for later the notice names; it counts the rest. */
    private static final int NAMED = 5;

    private final State state;
    private final Instant now;
    private final PassLedger ledger;
    private final boolean namedRunAnyway;

    /** {@code namedRunAnyway}: whether an alert that a pass names runs even when its schedule says not yet. */
    Due(State state, Instant now, PassLedger ledger, boolean namedRunAnyway) {
        this.state = state;
        this.now = now;
        this.ledger = ledger;
        this.namedRunAnyway = namedRunAnyway;
    }

    /** Of {@code selected} (chosen by name when {@code only} is not empty), the alerts that run in this pass. */
    List<Alert> select(List<Alert> selected, Set<String> only) {
        if (namedRunAnyway && !only.isEmpty()) {
            return selected;
        }
        List<Alert> due = new ArrayList<>();
        List<String> later = new ArrayList<>();
        for (Alert alert : selected) {
            Schedule schedule = alert.operations().schedule();
            State.Activity last = state.activity().get(alert.name());
            if (schedule.due(last == null || last.failing() ? null : last.lastRun(), now)) {
                due.add(alert);
            } else {
                later.add("\"" + alert.name() + "\" (" + schedule + ", next run at " + schedule.next(last.lastRun()) + ")");
            }
        }
        if (!later.isEmpty()) {
            ledger.notice("not due, left for a later pass: " + String.join(", ", later.subList(0, Math.min(NAMED, later.size())))
                    + (later.size() > NAMED ? " and " + (later.size() - NAMED) + " more" : ""));
        }
        return due;
    }
}
