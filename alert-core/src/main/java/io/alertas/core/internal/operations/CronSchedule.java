package io.alertas.core.internal.operations;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

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
