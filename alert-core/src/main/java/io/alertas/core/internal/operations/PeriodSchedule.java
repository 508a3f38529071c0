package io.alertas.core.internal.operations;

import static java.util.Objects.requireNonNull;

import io.alertas.spi.Durations;
import java.time.Duration;
import java.time.Instant;

/**
 * A schedule of a fixed period ({@code "every": "5m"}): its boundaries are the multiples of the period since
 * the epoch, in UTC, so that {@code "1h"} runs on the hour and {@code "1d"} at midnight UTC whenever the runner
 * started, and two runners agree on them. A time of day in a zone is a {@link CronSchedule}'s job.
 */
public record PeriodSchedule(Duration period) implements Schedule {

    /** The shortest period: passes run once a minute. */
    public static final Duration SHORTEST = Duration.ofMinutes(1);
    /** The longest period: four weeks, as {@link Schedule#LONGEST_GAP} says why. */
    public static final Duration LONGEST = LONGEST_GAP;

    public PeriodSchedule {
        requireNonNull(period, "period is null");
        if (period.compareTo(SHORTEST) < 0 || period.compareTo(LONGEST) > 0 || period.toSeconds() % 60 != 0
                || period.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("a period must be whole minutes from 1m to 28d, not " + period);
        }
    }

    @Override
    public Instant next(Instant after) {
        long seconds = period.toSeconds();
        long boundary = Math.floorDiv(after.getEpochSecond(), seconds) * seconds + seconds;
        return boundary > Instant.MAX.getEpochSecond() ? Instant.MAX : Instant.ofEpochSecond(boundary);
    }

    @Override
    public boolean everyPass() {
        return false;
    }

    @Override
    public String toString() {
        return "every " + Durations.format(period);
    }
}
