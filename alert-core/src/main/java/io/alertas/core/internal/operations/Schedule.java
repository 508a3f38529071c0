package io.alertas.core.internal.operations;

import java.time.Instant;

/** When an alert runs: every pass, or only at the boundaries of its {@code every} (a period or a cron expression). */
public interface Schedule {

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

    /** The first boundary after {@code after} (or {@code after} itself, for an alert run every pass). */
    Instant next(Instant after);

    /** Whether every pass runs the alert. */
    boolean everyPass();
}
