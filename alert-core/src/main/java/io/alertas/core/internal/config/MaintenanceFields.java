package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.operations.MaintenanceInterval;
import io.alertas.core.internal.operations.MaintenanceInterval.Dates;
import io.alertas.core.internal.operations.MaintenanceInterval.Range;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one interval of a maintenance window: {@code weekdays} ({@code "monday:friday"}, {@code "sunday"}),
 * {@code times} ({@code {"start": "22:00", "end": "24:00"}}), {@code days_of_month} ({@code "1:7"}, {@code "-1"}),
 * {@code months} ({@code "january:march"}, {@code "12"}) and {@code dates} ({@code "2026-12-24:2026-12-26"}).
 * A range runs forwards; one that would wrap (past Sunday, December or midnight) is refused with the line
 * that says how to split it.
 */
final class MaintenanceFields {

    static final Set<String> KEYS = new TreeSet<>(Set.of("weekdays", "times", "days_of_month", "months", "dates"));
    /** The most entries of one field of an interval. */
    static final int MAX_ENTRIES = 100;
    /** The longest entry read, so that a megabyte of text is never quoted back. */
    private static final int MAX_CHARS = 40;
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-4]):([0-5][0-9])");

    private MaintenanceFields() {
    }

    /** The interval {@code interval} holds; null when any of it is wrong, each problem said at its place. */
    static MaintenanceInterval read(SettingReader interval) {
        int before = interval.problems().size();
        if (!interval.object().isObject()) {
            interval.problem("an interval must be an object of " + String.join(", ", KEYS));
            return null;
        }
        interval.unknown("interval setting", KEYS);
        if (KEYS.stream().noneMatch(interval::has)) {
            interval.problem("an interval needs at least one of " + String.join(", ", KEYS)
                    + "; an empty one would hold for good and mute its media forever");
            return null;
        }
        List<Range> weekdays = ranges(interval, "weekdays", "\"monday:friday\" or \"sunday\"",
                name -> DayOfWeek.valueOf(name).getValue(), "[\"saturday:sunday\", \"monday\"]");
        List<Range> months = ranges(interval, "months", "\"january:march\", \"december\" or \"12\"",
                MaintenanceFields::month, "[\"november:december\", \"january\"]");
        List<Range> days = ranges(interval, "days_of_month", "\"1:7\", \"15\" or \"-1\" (the last day)",
                MaintenanceFields::dayOfMonth, "[\"25:31\", \"1:5\"]");
        List<Range> times = times(interval);
        List<Dates> dates = dates(interval);
        if (interval.problems().size() > before) {
            return null;
        }
        return new MaintenanceInterval(weekdays, times, days, months, dates);
    }

    /** The entries of the list under {@code key}, each a reader at its place; said when not a list of strings. */
    private static List<SettingReader> entries(SettingReader interval, String key, boolean strings, String example) {
        JsonNode list = interval.object().path(key);
        List<SettingReader> entries = new ArrayList<>();
        if (list.isMissingNode()) {
            return entries;
        }
        if (!list.isArray() || list.isEmpty() || strings && !allText(list)) {
            interval.problem(key, "\"" + key + "\" must be a non-empty list such as [" + example + "]");
        } else if (list.size() > MAX_ENTRIES) {
            interval.problem(key, "\"" + key + "\" has " + list.size() + " entries; at most " + MAX_ENTRIES);
        } else {
            SettingReader field = interval.child(key);
            for (int i = 0; i < list.size(); i++) {
                entries.add(field.element(i));
            }
        }
        return entries;
    }

    private static boolean allText(JsonNode list) {
        for (JsonNode entry : list) {
            if (!entry.isTextual() || entry.asText().length() > MAX_CHARS) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ranges under {@code key}: each entry a value or {@code "from:to"}, read by {@code value} (a name in
     * upper case, or a number); a range that runs backwards is refused with {@code split}, how to write it.
     */
    private static List<Range> ranges(SettingReader interval, String key, String example, Function<String, Integer> value,
            String split) {
        List<Range> ranges = new ArrayList<>();
        for (SettingReader entry : entries(interval, key, true, example)) {
            String text = entry.object().asText();
            String[] ends = text.split(":", -1);
            Integer from = ends.length > 2 ? null : parse(ends[0], value);
            Integer to = ends.length != 2 ? from : parse(ends[1], value);
            if (from == null || to == null) {
                entry.problem("\"" + key + "\" holds " + quoted(text) + "; write " + example);
            } else if (from > to && !(from > 0 && to < 0)) {
                entry.problem("\"" + key + "\" holds " + quoted(text) + ", a range that runs backwards; write it as two, such as "
                        + split);
            } else if (from < 0 && to > 0) {
                entry.problem("\"" + key + "\" holds " + quoted(text) + ", from a day counted from the month's end to one"
                        + " counted from its start; write \"-3:-1\" or \"1:-1\"");
            } else {
                ranges.add(new Range(from, to));
            }
        }
        return ranges;
    }

    private static Integer parse(String text, Function<String, Integer> value) {
        try {
            return value.apply(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | DateTimeException e) {
            return null;
        }
    }

    private static Integer month(String text) {
        return text.matches("[0-9]{1,2}") ? Month.of(Integer.parseInt(text)).getValue() : Month.valueOf(text).getValue();
    }

    private static Integer dayOfMonth(String text) {
        int day = Integer.parseInt(text);   // a name is not a day: NumberFormatException, an IllegalArgumentException
        return day == 0 || day < -31 || day > 31 ? null : day;
    }

    /** {@code text} quoted, or described when it holds a character a terminal could take for something else. */
    static String quoted(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "a value holding " + String.format(Locale.ROOT, "U+%04X", (int) c) + " at character " + (i + 1);
            }
        }
        return "\"" + text + "\"";
    }

    private static List<Range> times(SettingReader interval) {
        List<Range> times = new ArrayList<>();
        for (SettingReader entry : entries(interval, "times", false, "{\"start\": \"22:00\", \"end\": \"24:00\"}")) {
            if (!entry.object().isObject()) {
                entry.problem("a time range must be an object such as {\"start\": \"22:00\", \"end\": \"24:00\"}");
                continue;
            }
            entry.unknown("time setting", List.of("end", "start"));
            Integer start = minute(entry, "start");
            Integer end = minute(entry, "end");
            if (start == null || end == null) {
                continue;
            }
            if (start == MaintenanceInterval.DAY) {
                entry.problem("start", "\"start\" may not be 24:00, the end of the day; start at 00:00 of the next");
            } else if (start >= end) {
                entry.problem("a time range must end after it starts; one across midnight is two, the second in an"
                        + " interval of the next day, such as {\"start\": \"22:00\", \"end\": \"24:00\"} and"
                        + " {\"start\": \"00:00\", \"end\": \"02:00\"}");
            } else {
                times.add(new Range(start, end));
            }
        }
        return times;
    }

    /** The minute of the day {@code "HH:MM"} under {@code key} names, 24:00 included; null, said, when it is not one. */
    private static Integer minute(SettingReader entry, String key) {
        JsonNode value = entry.object().path(key);
        Matcher time = TIME.matcher(value.isTextual() ? value.asText() : "");
        if (!time.matches() || time.group(1).equals("24") && !time.group(2).equals("00")) {
            entry.problem(key, "\"" + key + "\" must be a time of day from \"00:00\" to \"24:00\", such as \"22:00\"");
            return null;
        }
        return Integer.parseInt(time.group(1)) * 60 + Integer.parseInt(time.group(2));
    }

    private static List<Dates> dates(SettingReader interval) {
        List<Dates> dates = new ArrayList<>();
        for (SettingReader entry : entries(interval, "dates", true, "\"2026-12-24:2026-12-26\" or \"2026-12-31\"")) {
            String text = entry.object().asText();
            String[] ends = text.split(":", -1);
            try {
                LocalDate from = LocalDate.parse(ends[0]);
                LocalDate to = ends.length == 2 ? LocalDate.parse(ends[1]) : from;
                if (ends.length > 2 || to.isBefore(from)) {
                    entry.problem("\"dates\" holds " + quoted(text) + "; write a day or a range that runs forwards, such as"
                            + " \"2026-12-24:2026-12-26\"");
                } else {
                    dates.add(new Dates(from, to));
                }
            } catch (DateTimeException e) {
                entry.problem("\"dates\" holds " + quoted(text) + ", not a day such as \"2026-12-24\" (year-month-day)");
            }
        }
        return dates;
    }
}
