package io.alertas.core.internal.operations;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A schedule of a five-field Unix cron expression ({@code minute hour day-of-month month day-of-week}) read in
 * a time zone. cron-utils parses it and finds its next execution in the zone's local time: across a
 * daylight-saving change a local time that occurs twice runs once (at its first occurrence), and one that does
 * not exist that day (02:30 when clocks jump from 02:00 to 03:00) is skipped, so that day has no run; the next
 * run's window still starts at the last one, so nothing is read twice or missed.
 */
public final class CronSchedule implements Schedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime executions;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime executions) {
        this.expression = expression;
        this.zone = zone;
        this.executions = executions;
    }

    /**
     * The schedule of {@code expression} in {@code zone}.
     *
     * @throws IllegalArgumentException with cron-utils' reason, when {@code expression} is not a five-field cron
     */
    public static CronSchedule of(String expression, ZoneId zone) {
        requireNonNull(expression, "expression is null");
        requireNonNull(zone, "zone is null");
        Cron cron = PARSER.parse(expression).validate();
        return new CronSchedule(expression, zone, ExecutionTime.forCron(cron));
    }

    @Override
    public Instant next(Instant after) {
        try {
            return executions.nextExecution(after.atZone(zone)).map(z -> z.toInstant()).orElse(Instant.MAX);
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }

    /**
     * The longest time between two runs when it is longer than {@code limit}; empty when no two runs over a year
     * from {@code from} lie further apart (nor, for one that fires on 29 February alone, the leap years around it).
     * Looks every {@code limit / 2}, and from each look that finds no run in that time asks for the run before
     * the next one: any longer gap holds such a look, so a year costs a few dozen look-ups, not one per run.
     */
    public Optional<Duration> gapOver(Duration limit, Instant from) {
        Duration step = limit.dividedBy(2);
        Duration longest = limit;
        Instant end = from.plus(Duration.ofDays(366));
        for (Instant t = from; t.isBefore(end); ) {
            Instant next = next(t);
            if (next.equals(Instant.MAX)) {
                break;
            }
            if (Duration.between(t, next).compareTo(step) <= 0) {
                t = t.plus(step);
                continue;
            }
            Optional<Instant> before = executions.lastExecution(next.atZone(zone)).map(z -> z.toInstant());
            if (before.isPresent() && Duration.between(before.get(), next).compareTo(longest) > 0) {
                longest = Duration.between(before.get(), next);
            }
            t = next;
        }
        return longest.equals(limit) ? Optional.empty() : Optional.of(longest);
    }

    @Override
    public boolean everyPass() {
        return false;
    }

    /** The expression as written. */
    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return "cron \"" + expression + "\"" + (zone.equals(ZoneOffset.UTC) ? "" : " in " + zone);
    }
}
