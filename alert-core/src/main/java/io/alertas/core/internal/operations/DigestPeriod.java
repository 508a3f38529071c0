package io.alertas.core.internal.operations;

import io.alertas.spi.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The periods of digests: from {@link #SHORTEST} to {@link #LONGEST}, each aligned to whole multiples of its
 * length since the epoch (1970-01-01T00:00Z), so that a period of {@code 1h} runs from one full hour (UTC) to
 * the next and one of {@code 1d} from midnight UTC to midnight, whatever pass first gathers into it.
 */
public final class DigestPeriod {

    /** The shortest period of a digest. */
    public static final Duration SHORTEST = Duration.ofMinutes(1);
    /** The longest period of a digest. */
    public static final Duration LONGEST = Duration.ofDays(7);

    private DigestPeriod() {
    }

    /** What is wrong with {@code period} as a digest's, such as {@code "must be from 1m to 7d, not 30s"}; empty when nothing. */
    public static Optional<String> problem(Duration period) {
        return period.compareTo(SHORTEST) < 0 || period.compareTo(LONGEST) > 0
                ? Optional.of("must be from " + Durations.format(SHORTEST) + " to " + Durations.format(LONGEST) + ", not "
                        + Durations.format(period))
                : Optional.empty();
    }

    /** The end of the period of length {@code period} that holds {@code instant}: the first multiple of it after. */
    public static Instant end(Instant instant, Duration period) {
        long length = period.toMillis();
        long at = instant.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(at, length) * length + length);
    }
}
