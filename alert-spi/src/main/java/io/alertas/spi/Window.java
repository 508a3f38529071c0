package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The span of event time one pass looks at for one alert: from {@code start} (inclusive) to {@code end}
 * (exclusive). Neither bound is null and {@code start} is never after {@code end}.
 */
public final class Window {

    private final Instant start;
    private final Instant end;

    private Window(Instant start, Instant end) {
        this.start = requireNonNull(start, "start is null");
        this.end = requireNonNull(end, "end is null");
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("window start " + start + " is after its end " + end);
        }
    }

    /**
     * The window from {@code start} to {@code end}.
     *
     * @throws IllegalArgumentException when {@code start} is after {@code end}
     */
    public static Window of(Instant start, Instant end) {
        return new Window(start, end);
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    /** How long the window is. */
    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Window w && start.equals(w.start) && end.equals(w.end);
    }

    @Override
    public int hashCode() {
        return 31 * start.hashCode() + end.hashCode();
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
