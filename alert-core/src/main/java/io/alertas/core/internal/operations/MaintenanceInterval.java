package io.alertas.core.internal.operations;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;

/**
 * One interval of a maintenance window, as Alertmanager's {@code time_intervals} have them: every field given
 * must hold, and a field left empty holds always. Weekdays run from 1 (Monday) to 7 (Sunday), days of the
 * month from 1, or from -1 (the last day) backwards, months from 1 to 12; times are minutes of the day, the
 * start inclusive and the end exclusive (1440 is 24:00). Each range is inclusive at both ends, except times.
 */
public record MaintenanceInterval(List<Range> weekdays, List<Range> times, List<Range> daysOfMonth, List<Range> months,
        List<Dates> dates) {

    /** The minutes of a day: 24:00. */
    public static final int DAY = 24 * 60;

    /** A range of whole numbers, {@code from} to {@code to}. */
    public record Range(int from, int to) {
    }

    /** The days from {@code from} to {@code to}, both included. */
    public record Dates(LocalDate from, LocalDate to) {
    }

    public MaintenanceInterval {
        weekdays = List.copyOf(weekdays);
        times = List.copyOf(times);
        daysOfMonth = List.copyOf(daysOfMonth);
        months = List.copyOf(months);
        dates = List.copyOf(dates);
    }

    /** Whether every field but the times holds on {@code day}. */
    public boolean holdsOn(LocalDate day) {
        return (weekdays.isEmpty() || weekdays.stream().anyMatch(r -> within(day.getDayOfWeek().getValue(), r)))
                && (months.isEmpty() || months.stream().anyMatch(r -> within(day.getMonthValue(), r)))
                && (daysOfMonth.isEmpty() || daysOfMonth.stream().anyMatch(r -> holdsOnDayOfMonth(day, r)))
                && (dates.isEmpty() || dates.stream().anyMatch(d -> !day.isBefore(d.from()) && !day.isAfter(d.to())));
    }

    /** The minutes of a day (0 to 1439) at which the times hold: every one, when none are given. */
    BitSet minutes() {
        BitSet minutes = new BitSet(DAY);
        if (times.isEmpty()) {
            minutes.set(0, DAY);
        }
        for (Range range : times) {
            int from = Math.max(0, range.from());
            int to = Math.min(DAY, range.to());
            if (from < to) {
                minutes.set(from, to);
            }
        }
        return minutes;
    }

    private static boolean within(int value, Range range) {
        return range.from() <= value && value <= range.to();
    }

    /** A day of the month counted from the month's length when negative: -1 is the last day, 31 never holds in April. */
    private static boolean holdsOnDayOfMonth(LocalDate day, Range range) {
        int length = day.lengthOfMonth();
        int from = range.from() < 0 ? length + range.from() + 1 : range.from();
        int to = range.to() < 0 ? length + range.to() + 1 : range.to();
        return from <= day.getDayOfMonth() && day.getDayOfMonth() <= to;
    }
}
