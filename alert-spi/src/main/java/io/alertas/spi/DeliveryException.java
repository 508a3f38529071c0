package io.alertas.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * A medium could not deliver a notification.
 *
 * <p>The pass reads it as one of three answers. {@code retryable}: trying again soon may help (network
 * errors, 5xx, 429); when the receiver said how long to wait (Retry-After), {@link #retryAfter()} holds it, and
 * the notification is not tried again before then. Not retryable: it is kept and tried again on later passes
 * (a wrong key that an operator may fix). {@link #refused}: the receiver refused the notification itself (a
 * malformed or too large request), which sending it again cannot change, so it is dropped and said.
 *
 * <p>A medium that sends a notification as several requests (one per finding) says with {@link
 * #afterAccepting} which findings the receiver took before it failed; only the others are sent again. The
 * message never holds a secret.
 */
public final class DeliveryException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;
    private final boolean refused;
    private final Set<String> accepted;

    private DeliveryException(String message, boolean retryable, Duration retryAfter, Throwable cause, boolean refused,
            Set<String> accepted) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.refused = refused;
        this.accepted = Set.copyOf(accepted);
    }

    public DeliveryException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        this(message, retryable, retryAfter, cause, false, Set.of());
    }

    public DeliveryException(String message, boolean retryable) {
        this(message, retryable, null, null);
    }

    /** The receiver refused this notification for good (as PagerDuty's 400 "do not retry"): it is dropped, not kept. */
    public static DeliveryException refused(String message) {
        return new DeliveryException(message, false, null, null, true, Set.of());
    }

    /**
     * This failure, after the receiver accepted the findings of {@code keys} (their {@link Finding#key()}s):
     * those count as delivered and are not sent again.
     */
    public DeliveryException afterAccepting(Collection<String> keys) {
        return new DeliveryException(getMessage(), retryable, retryAfter, getCause(), refused, Set.copyOf(keys));
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the receiver asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether the receiver refused the notification itself, so that it is dropped instead of kept. */
    public boolean refused() {
        return refused;
    }

    /** The keys of the findings the receiver accepted before this failure; never null. */
    public Set<String> accepted() {
        return accepted;
    }
}
