package io.alertas.core.internal;

import io.alertas.spi.DeliveryException;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Delivers with retries: exponential backoff with jitter, or the receiver's Retry-After, capped. */
final class Retry {

    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final int attempts;
    private final Duration backoff;

    Retry(int attempts, Duration backoff) {
        this.attempts = attempts;
        this.backoff = backoff;
    }

    /** Delivers, or throws the last failure once the attempts are spent or the failure is not retryable. */
    void deliver(Medium medium, Notification notification) throws DeliveryException {
        for (int attempt = 1; ; attempt++) {
            try {
                medium.deliver(notification);
                return;
            } catch (DeliveryException e) {
                if (!e.retryable() || attempt >= attempts) {
                    throw e;
                }
                Duration doubled = backoff.multipliedBy(1L << (attempt - 1));
                sleep(e.retryAfter().orElseGet(() -> jittered(doubled)));
            }
        }
    }

    private static Duration jittered(Duration wait) {
        double factor = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (wait.toMillis() * factor));
    }

    private static void sleep(Duration wait) throws DeliveryException {
        try {
            Thread.sleep(Math.min(wait.toMillis(), MAX_WAIT.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("delivery retries were interrupted", false);
        }
    }
}
