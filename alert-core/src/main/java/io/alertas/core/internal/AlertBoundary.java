package io.alertas.core.internal;

import io.alertas.spi.Window;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The boundary around each alert of a pass, for the steps the pass takes for it outside the futures that run
 * its search and its evaluator: its first checkpoint, its window and context, its query's rendering, and what
 * is done with its outcome (episodes, templates, notifications). Whatever a step throws (an exception, an
 * overflow of its time arithmetic, an Error such as a plugin's StackOverflowError) fails that alert alone: its
 * later steps are skipped, the pass's summary names it with the step and the cause, and the others go on.
 * {@code test}, {@code validate --connect} and a backtest's searches ahead take the same steps through one.
 * Not thread-safe: one thread takes an alert's steps.
 */
final class AlertBoundary {

    private final Map<String, Evaluated> failed = new HashMap<>();

    /**
     * What {@code step} makes for {@code alert} in {@code window} (null before it is known), or empty when the
     * step threw or made null, or the alert failed at an earlier step.
     */
    <T> Optional<T> attempt(Alert alert, Window window, String step, Supplier<T> work) {
        if (failed.containsKey(alert.name())) {
            return Optional.empty();
        }
        try {
            T made = work.get();
            if (made == null) {
                failed.put(alert.name(), Evaluated.failed(alert, window, step + " was null", null));
            }
            return Optional.ofNullable(made);
        } catch (Throwable thrown) {   // an Error thrown by a plugin's code is its alert's to bear, as an exception is
            failed.put(alert.name(), Evaluated.failed(alert, window, step + " threw " + thrown, thrown));
            return Optional.empty();
        }
    }

    /**
     * What {@code step} makes for {@code alert}, for a command about that one alert.
     *
     * @throws IllegalStateException naming the alert and saying how the step failed
     */
    <T> T require(Alert alert, Window window, String step, Supplier<T> work) {
        return attempt(alert, window, step, work).orElseThrow(() -> {
            Evaluated failure = failed.get(alert.name());
            return new IllegalStateException("alert \"" + alert.name() + "\": " + failure.outcome().error(), failure.cause());
        });
    }

    /** Runs {@code step} for {@code alert}, as {@link #attempt(Alert, Window, String, Supplier)} does. */
    void run(Alert alert, Window window, String step, Runnable work) {
        attempt(alert, window, step, () -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    /** How {@code alert} failed at this boundary, if it did. */
    Optional<Evaluated> failure(Alert alert) {
        return Optional.ofNullable(failed.get(alert.name()));
    }
}
