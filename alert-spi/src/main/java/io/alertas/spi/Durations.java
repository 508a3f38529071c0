package io.alertas.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them in config files and params: a number of minutes (as the seed did) or
 * text such as {@code "90s"}, {@code "30m"}, {@code "2h"}, {@code "1d"}, never longer than {@link #MAX}.
 *
 * <p>The bound is what keeps a team's typo ({@code "106751991167300d"}) from every pass's time arithmetic:
 * each reader of a duration (config files, params, rules, the command line, an alert's builder) goes through
 * this class, so no duration past it reaches a window, a throttle or a deadline.
 */
public final class Durations {

    /** The longest duration any setting may hold: three years (1095d). */
    public static final Duration MAX = Duration.ofDays(1095);
    private static final String MAX_SAID = "1095d (3 years)";
    public static final String EXPECTED = "must be minutes (a number) or a duration like \"90s\", \"30m\", \"2h\", \"1d\"";
    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    /** More digits than this are past {@link #MAX} in any unit, and past what a long holds in some. */
    private static final int DIGITS = 12;

    private Durations() {
    }

    /** The duration in {@code value}, or null when it is not one or is longer than {@link #MAX}. */
    public static Duration parse(JsonNode value) {
        Duration duration = read(value);
        return duration == null || duration.compareTo(MAX) > 0 ? null : duration;
    }

    /**
     * What is wrong with {@code value} as a duration, such as {@code "must be at most 1095d (3 years), not
     * \"5000d\""}; empty when it is one within {@link #MAX} (and longer than 0, unless {@code zeroAllowed}).
     */
    public static Optional<String> problem(JsonNode value, boolean zeroAllowed) {
        Duration duration = read(value);
        if (duration == null) {
            return Optional.of(EXPECTED);
        }
        if (duration.compareTo(MAX) > 0) {
            return Optional.of("must be at most " + MAX_SAID + ", not " + shown(value));
        }
        return duration.isZero() && !zeroAllowed ? Optional.of("must be longer than 0") : Optional.empty();
    }

    /**
     * {@code duration}, checked as a setting read from a file is: not negative and at most {@link #MAX}.
     *
     * @throws IllegalArgumentException naming {@code what}, when it is outside those bounds
     */
    public static Duration within(Duration duration, String what) {
        if (duration.isNegative() || duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(what + " must be from 0 to " + MAX_SAID + ", not "
                    + (duration.isNegative() ? "negative" : duration.toDays() + " days"));
        }
        return duration;
    }

    /** The duration in {@code value}, maybe past {@link #MAX} (a number too long for a long reads as just past it). */
    private static Duration read(JsonNode value) {
        if (value.isNumber()) {
            double minutes = value.asDouble();
            if (!(minutes >= 0)) {
                return null;
            }
            return minutes > MAX.toMinutes() ? MAX.plusMinutes(1) : Duration.ofMillis(Math.round(minutes * 60_000));
        }
        if (!value.isTextual()) {
            return null;
        }
        Matcher m = TEXT.matcher(value.asText().trim());
        if (!m.matches()) {
            return null;
        }
        if (m.group(1).length() > DIGITS) {
            return MAX.plusMinutes(1);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String shown(JsonNode value) {
        String text = value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
        return text.length() > 30 ? text.substring(0, 29) + "…" : text;
    }

    /** A duration the way a user would write it back: "90s", "30m", "2h", "1d". */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return duration.toMillis() % 1000 == 0 ? seconds + "s" : duration.toMillis() + "ms";
    }
}
