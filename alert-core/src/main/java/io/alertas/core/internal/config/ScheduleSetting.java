package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.operations.CronSchedule;
import io.alertas.core.internal.operations.PeriodSchedule;
import io.alertas.core.internal.operations.Schedule;
import io.alertas.core.internal.state.State;
import io.alertas.spi.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Reads an alert's {@code "every"}: a period ({@code "5m"}, {@code "1h"}, {@code "1d"}; whole minutes from 1m
 * to 28d) or a cron expression with its time zone ({@code {"cron": "0 8 * * 1-5", "time_zone": "Europe/Madrid"}}).
 * A cron expression that never fires (February 30), or that may leave more than {@link Schedule#LONGEST_GAP}
 * between two runs (the first of each month), is refused.
 */
final class ScheduleSetting {

    private static final String KEY = "every";
    private static final List<String> CRON_KEYS = List.of("cron", "time_zone");
    private static final String EXPECTED = "\"every\" must be a period of whole minutes from \"1m\" to \""
            + Durations.format(PeriodSchedule.LONGEST) + "\" such as"
            + " \"5m\", or {\"cron\": \"0 8 * * 1-5\", \"time_zone\": \"Europe/Madrid\"}";
    /** Longer texts are no cron expression or zone; they are refused before cron-utils or the zone rules see them. */
    private static final int LONGEST_TEXT = 100;
    /**
     * Where a cron's first run is looked for: a cron names no year, so one that matches no date after this
     * instant matches none after any; a fixed instant makes a configuration read the same on any day.
     */
    private static final Instant NEVER_FROM = Instant.parse("2024-01-01T00:00:00Z");

    private ScheduleSetting() {
    }

    /** The schedule under "every" of {@code settings}; every pass when absent, or (said at its place) wrong. */
    static Schedule read(SettingReader settings) {
        JsonNode value = settings.object().path(KEY);
        if (value.isMissingNode()) {
            return Schedule.EVERY_PASS;
        }
        if (value.isObject()) {
            return cron(settings.child(KEY));
        }
        Duration period = Durations.problem(value, false).isPresent() ? null : Durations.parse(value);
        if (period == null || period.compareTo(PeriodSchedule.SHORTEST) < 0 || period.compareTo(PeriodSchedule.LONGEST) > 0
                || period.toNanos() % 60_000_000_000L != 0) {
            settings.problem(KEY, EXPECTED + ", not " + shown(value));
            return Schedule.EVERY_PASS;
        }
        return new PeriodSchedule(period);
    }

    private static Schedule cron(SettingReader every) {
        every.unknown("schedule setting", CRON_KEYS);
        String expression = ascii(every, "cron", true);
        String zoneName = ascii(every, "time_zone", false);
        ZoneId zone = ZoneOffset.UTC;
        if (zoneName != null) {
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                every.problem("time_zone", "\"time_zone\" must be an IANA time zone such as \"Europe/Madrid\" or"
                        + " \"UTC\", not \"" + zoneName + "\"");
                return Schedule.EVERY_PASS;
            }
        }
        if (expression == null) {
            return Schedule.EVERY_PASS;
        }
        CronSchedule schedule;
        try {
            schedule = CronSchedule.of(expression, zone);
        } catch (IllegalArgumentException e) {
            every.problem("cron", "\"cron\" must be a five-field Unix cron expression (minute hour day-of-month month"
                    + " day-of-week) such as \"0 8 * * 1-5\", not \"" + expression + "\"" + reason(expression, e));
            return Schedule.EVERY_PASS;
        }
        if (schedule.next(NEVER_FROM).equals(Instant.MAX)) {
            every.problem("cron", "\"cron\" \"" + expression + "\" never fires (no date matches it): the alert would"
                    + " never run");
            return Schedule.EVERY_PASS;
        }
        Optional<Duration> gap = schedule.gapOver(Schedule.LONGEST_GAP, NEVER_FROM);
        if (gap.isPresent()) {
            every.problem("cron", "\"cron\" \"" + expression + "\" leaves up to " + Durations.format(gap.get())
                    + " between two runs, and a schedule may leave at most " + Durations.format(Schedule.LONGEST_GAP)
                    + " (the state forgets an alert's last run after " + Durations.format(State.RETENTION)
                    + "); run it more often, such as \"0 8 1,15 * *\"");
            return Schedule.EVERY_PASS;
        }
        return schedule;
    }

    /** The string under {@code key}: visible ASCII and spaces, at most {@link #LONGEST_TEXT} long; else null, said. */
    private static String ascii(SettingReader every, String key, boolean required) {
        String text = every.text(key, required);
        if (text == null) {
            return null;
        }
        if (text.length() > LONGEST_TEXT) {
            every.problem(key, "\"" + key + "\" must be at most " + LONGEST_TEXT + " characters, not " + text.length());
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                every.problem(key, "\"" + key + "\" holds " + String.format("U+%04X", (int) c) + " at character "
                        + (i + 1) + "; only visible ASCII characters and spaces may be used");
                return null;
            }
        }
        return text.trim();
    }

    private static String reason(String expression, IllegalArgumentException e) {
        if (expression.startsWith("@")) {
            return ": nicknames such as @daily and @reboot are not read; write the five fields (\"0 0 * * *\")";
        }
        String why = String.valueOf(e.getMessage());
        return ": " + (why.length() > LONGEST_TEXT ? why.substring(0, LONGEST_TEXT) + "…" : why);
    }

    private static String shown(JsonNode value) {
        String text = value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(30).forEach(c -> out.append(c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT
                ? String.format("\\u%04X", c) : new String(Character.toChars(c))));
        return text.codePointCount(0, text.length()) > 30 ? out + "…" : out.toString();
    }
}
