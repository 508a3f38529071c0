package io.alertas.core.internal.backoff;

import static java.util.Objects.requireNonNull;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How the engine tries again, for Elasticsearch and for media alike: a number of attempts, waits doubling
 * from a first one with ±20 % jitter (so that runners do not retry in step), or the receiver's Retry-After
 * (seconds or an HTTP date), never longer than a cap.
 */
public final class Backoff {

    /** One attempt, which may fail with {@code E}. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T call() throws E;
    }

    private final int attempts;
    private final Duration first;
    private final Duration cap;

    public Backoff(int attempts, Duration first, Duration cap) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.attempts = attempts;
        this.first = requireNonNull(first, "first is null");
        this.cap = requireNonNull(cap, "cap is null");
    }

    /**
     * Calls {@code attempt} until it succeeds, its failure is not {@code retryable} or the attempts are spent;
     * then throws the last failure. An interrupt while waiting ends the retries with that failure.
     */
    public <T, E extends Exception> T run(Attempt<T, E> attempt, Predicate<E> retryable,
            Function<E, Optional<Duration>> retryAfter) throws E {
        return run(attempt, retryable, retryAfter, null);
    }

    /**
     * As {@link #run(Attempt, Predicate, Function)}, but never waiting past {@code deadline} (an instant of
     * {@link System#nanoTime()}): when the next wait would end after it, or the receiver asks for a wait longer
     * than the cap, the failure is thrown at once, and its Retry-After says when to try again.
     */
    public <T, E extends Exception> T run(Attempt<T, E> attempt, Predicate<E> retryable,
            Function<E, Optional<Duration>> retryAfter, long deadline) throws E {
        return run(attempt, retryable, retryAfter, Long.valueOf(deadline));
    }

    private <T, E extends Exception> T run(Attempt<T, E> attempt, Predicate<E> retryable,
            Function<E, Optional<Duration>> retryAfter, Long deadline) throws E {
        for (int failed = 1; ; failed++) {
            try {
                return attempt.call();
            } catch (Exception e) {
                @SuppressWarnings("unchecked") // call() throws only E, or unchecked exceptions
                E failure = (E) rethrowUnchecked(e);
                if (failed >= attempts || !retryable.test(failure)) {
                    throw failure;
                }
                Optional<Duration> asked = retryAfter.apply(failure);
                Duration wait = wait(failed, asked);
                if (deadline != null && (asked.filter(a -> a.compareTo(cap) > 0).isPresent()
                        || System.nanoTime() + wait.toNanos() - deadline > 0)) {
                    throw failure;
                }
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }

    private static Exception rethrowUnchecked(Exception e) {
        if (e instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        return e;
    }

    /** The wait after the {@code failed}-th failed attempt: the receiver's Retry-After, or the doubled backoff jittered; capped. */
    Duration wait(int failed, Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElseGet(() -> {
            double factor = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
            return Duration.ofMillis((long) (first.toMillis() * Math.pow(2, failed - 1) * factor));
        });
        return wait.compareTo(cap) > 0 ? cap : wait.isNegative() ? Duration.ZERO : wait;
    }

    /**
     * The wait an HTTP answer asks for in its Retry-After header, as seconds ({@code 120}) or an HTTP date
     * ({@code Wed, 21 Oct 2026 07:28:00 GMT}, counted from {@code now}); empty when there is none or it
     * cannot be read.
     */
    public static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        return headers.firstValue("Retry-After").map(String::trim).flatMap(value -> {
            if (value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() < 10) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }
}
