package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The span of event time one pass looks at for one alert: from {@code start} (inclusive) to {@code end}
 * (exclusive). Neither bound is null and {@code start} is never after {@code end}.
 */
public record Window(Instant start, Instant end) {

    public Window {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("window start " + start + " is after its end " + end);
        }
    }

    /** How long the window is. */
    public Duration length() {
        return Duration.between(start, end);
    }
}
