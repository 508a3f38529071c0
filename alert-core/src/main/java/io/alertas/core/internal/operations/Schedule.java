package io.alertas.core.internal.operations;

import io.alertas.core.internal.state.State;
import java.time.Duration;
import java.time.Instant;

/**
 * When an alert runs: every pass, or only at the boundaries of its {@code every} (a {@link PeriodSchedule} or a
 * {@link CronSchedule}). A pass runs a scheduled alert when a boundary lies after its last run and at or before
 * the pass's instant ({@link #due}); its window still runs from its checkpoint, so one run after an outage reads
 * the whole span it missed.
 */
public interface Schedule {

    /**
     * The most a schedule may leave between two runs: the state forgets the last run and checkpoint of an alert
     * whose checkpoint has not moved for {@link State#RETENTION}, and an alert's next run must find them.
     */
    Duration LONGEST_GAP = State.RETENTION.minusDays(2);

    /** Every pass runs the alert. */
    Schedule EVERY_PASS = new Schedule() {
        @Override
        public Instant next(Instant after) {
            return after;
        }

        @Override
        public boolean everyPass() {
            return true;
        }

        @Override
        public String toString() {
            return "every pass";
        }
    };

    /**
     * The first boundary after {@code after} (or {@code after} itself, for an alert run every pass);
     * {@link Instant#MAX} when none comes.
     */
    Instant next(Instant after);

    /** Whether every pass runs the alert. */
    boolean everyPass();

    /**
     * The time from {@code lastRun} to the first boundary after it, which a run's window spans on top of the
     * alert's max_catchup; zero for an alert run every pass, and when no boundary comes.
     */
    default Duration span(Instant lastRun) {
        Instant next = next(lastRun);
        return everyPass() || next.equals(Instant.MAX) ? Duration.ZERO : Duration.between(lastRun, next);
    }

    /**
     * Whether a pass at {@code now} runs an alert that last ran, and did not fail, at {@code lastRun} (null when
     * it never ran, or its last run failed): when a boundary lies after {@code lastRun} and at or before
     * {@code now}. An alert that never ran, or whose last run failed, runs at once; so does one whose last run
     * is after {@code now} (a clock set back), rather than staying silent until its clock catches up.
     */
    default boolean due(Instant lastRun, Instant now) {
        return everyPass() || lastRun == null || lastRun.isAfter(now) || !next(lastRun).isAfter(now);
    }
}
