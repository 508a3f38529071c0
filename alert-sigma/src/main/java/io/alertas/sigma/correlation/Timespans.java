package io.alertas.sigma.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Sigma duration ({@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 1w}) as a {@link Duration}. */
final class Timespans {

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,18})([smhdw])");

    /** Longer than anyone correlates over, and short enough that now minus it is still a time. */
    private static final long MAX_SECONDS = Instant.MAX.getEpochSecond() / 2;

    private Timespans() {
    }

    static Duration parse(JsonNode node) throws SigmaException {
        String text = node.isValueNode() ? node.asText().strip() : "";
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw Correlation.invalid("\"timespan\" must be a duration like 30s, 5m, 1h or 2d, not "
                    + (node.isMissingNode() ? "missing" : Texts.quote(node.isValueNode() ? text : node.toString())));
        }
        long unit = switch (matcher.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            default -> 604_800;
        };
        long seconds;
        try {
            seconds = Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
        } catch (ArithmeticException e) {
            seconds = Long.MAX_VALUE;
        }
        if (seconds <= 0 || seconds > MAX_SECONDS) {
            throw Correlation.invalid("\"timespan\" " + Texts.quote(text) + " must be more than 0 and within the range of time");
        }
        return Duration.ofSeconds(seconds);
    }
}
