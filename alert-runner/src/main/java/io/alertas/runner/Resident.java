package io.alertas.runner;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The loop of {@code serve}: a pass at every boundary of the period (each minute, as cron starts them), until
 * {@link #stop} is called (from the shutdown hook that SIGTERM runs). A pass under way is finished first; a
 * boundary missed because a pass ran long is skipped, not caught up, as cron would.
 */
final class Resident {

    private final Duration every;
    private final Clock clock;
    private final Object sleep = new Object();
    private final CountDownLatch ended = new CountDownLatch(1);
    private boolean stopping;

    Resident(Duration every, Clock clock) {
        this.every = every;
        this.clock = clock;
    }

    /** Runs {@code pass} at each boundary until stopped. */
    void run(Runnable pass) {
        try {
            while (awaitBoundary()) {
                pass.run();
            }
        } finally {
            ended.countDown();
        }
    }

    /** Waits for the next boundary; false when stopped first. */
    private boolean awaitBoundary() {
        long period = every.toMillis();
        long next = (clock.millis() / period + 1) * period;
        synchronized (sleep) {
            try {
                for (long left = next - clock.millis(); !stopping && left > 0; left = next - clock.millis()) {
                    sleep.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !stopping;
        }
    }

    /** No pass starts after this; waits up to {@code patience} for the one under way to end. */
    void stop(Duration patience) {
        synchronized (sleep) {
            stopping = true;
            sleep.notifyAll();
        }
        try {
            ended.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
