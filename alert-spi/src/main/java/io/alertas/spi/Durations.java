package io.alertas.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them in config files and params: a number of minutes (as the seed did) or
 * text such as {@code "90s"}, {@code "30m"}, {@code "2h"}, {@code "1d"}.
 */
public final class Durations {

    public static final String EXPECTED = "must be minutes (a number) or a duration like \"90s\", \"30m\", \"2h\", \"1d\"";
    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration in {@code value}, or null when it is not one. */
    public static Duration parse(JsonNode value) {
        if (value.isNumber()) {
            double minutes = value.asDouble();
            return minutes >= 0 ? Duration.ofMillis(Math.round(minutes * 60_000)) : null;
        }
        if (!value.isTextual()) {
            return null;
        }
        Matcher m = TEXT.matcher(value.asText().trim());
        if (!m.matches()) {
            return null;
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
