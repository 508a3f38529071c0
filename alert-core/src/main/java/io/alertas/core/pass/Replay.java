package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import io.alertas.spi.Notification;
import java.time.Instant;
import java.util.List;

/**
 * What one alert would have done over a backtest's range: in how many windows it ran and fired, how many
 * notifications the throttle and fire_after held back, what would have been sent, and the windows that failed.
 */
public record Replay(String alert, int windows, int fired, int throttled, int delayed, List<Sent> sent,
        List<Failure> failures) {

    public Replay {
        requireNonNull(alert, "alert is null");
        sent = List.copyOf(sent);
        failures = List.copyOf(failures);
    }

    /** A notification the backtest would have sent at {@code at}. */
    public record Sent(Instant at, String medium, Notification notification) {
        public Sent {
            requireNonNull(at, "at is null");
            requireNonNull(medium, "medium is null");
            requireNonNull(notification, "notification is null");
        }
    }

    /** A window whose alert failed, and why. */
    public record Failure(Instant at, String error) {
        public Failure {
            requireNonNull(at, "at is null");
            requireNonNull(error, "error is null");
        }
    }
}
