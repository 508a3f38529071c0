package io.alertas.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A medium could not deliver a notification.
 *
 * <p>{@code retryable} says whether trying again soon may help (network errors, 5xx, 429); when the
 * receiver said how long to wait (Retry-After), {@link #retryAfter()} holds it. Either way the
 * notification is kept and tried again on later passes. The message never holds a secret.
 */
public final class DeliveryException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    public DeliveryException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public DeliveryException(String message, boolean retryable) {
        this(message, retryable, null, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the receiver asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
