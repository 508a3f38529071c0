package io.alertas.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.pass.Backtest;
import io.alertas.core.pass.Replay;
import io.alertas.spi.Durations;
import io.alertas.spi.Notification;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** How {@code backtest} shows a replay: what would have been sent and when, and a summary per alert. */
final class Backtests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BAR = 30;
    /** The most windows (of all its alerts together) a backtest runs without --force: about 17 minutes. */
    static final long LONGEST = 1_000_000;
    /** What one window of one alert takes, as docs/performance.md measured it on a local cluster. */
    private static final Duration PER_WINDOW = Duration.ofMillis(1);

    private final Instant from;
    private final Instant to;
    private final Duration step;
    private final long windows;

    Backtests(Instant from, Instant to, Duration step, long windows) {
        this.from = from;
        this.to = to;
        this.step = step;
        this.windows = windows;
    }

    /**
     * Refuses a range that is empty or a step that is not positive.
     *
     * @throws IllegalArgumentException saying what a backtest needs
     */
    static void requireRange(Instant from, Instant to, Duration step) {
        if (!to.isAfter(from) || step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("a backtest needs --from before --to and a positive step");
        }
    }

    /**
     * Refuses a backtest of {@code alerts} alerts that replays more than {@link #LONGEST} windows, unless
     * {@code forced}.
     *
     * @throws IllegalArgumentException saying how many windows and about how long they would take
     */
    void refuseIfTooLong(int alerts, boolean forced) {
        double total = (double) windows * alerts;
        if (total <= LONGEST || forced) {
            return;
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "this backtest replays %,.0f windows (%,d for each of %d %s, a pass every"
                + " %s): at about %d ms a window that is at least %s; take a shorter range or a longer --step, or add"
                + " --force to run it all the same", total, windows, alerts, alerts == 1 ? "alert" : "alerts",
                Durations.format(step), PER_WINDOW.toMillis(), rough(PER_WINDOW.toMillis() * total)));
    }

    /** {@code millis} in the largest unit that makes it at least 2 of them, such as "3 days" or "17 minutes". */
    private static String rough(double millis) {
        double minutes = millis / 60_000;
        if (minutes >= 2 * 24 * 60) {
            return Math.round(minutes / (24 * 60)) + " days";
        }
        return minutes >= 2 * 60 ? Math.round(minutes / 60) + " hours" : Math.max(1, Math.round(minutes)) + " minutes";
    }

    /** A progress bar redrawn in place on {@code terminal}, and ended with a new line. */
    Backtest.Progress progressBar(PrintStream terminal) {
        return (done, total) -> {
            int filled = (int) (BAR * done / Math.max(1, total));
            terminal.print("\r[" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + done + "/" + total + " windows");
            if (done == total) {
                terminal.println();
            }
            terminal.flush();
        };
    }

    List<String> lines(List<Replay> replays) {
        List<String> lines = new ArrayList<>();
        lines.add("backtest from " + from + " to " + to + ", a pass every " + Durations.format(step) + " (" + windows
                + " windows); nothing was sent and no state was changed");
        for (Replay replay : replays) {
            lines.add("");
            for (Replay.Sent sent : replay.sent()) {
                Notification n = sent.notification();
                lines.add(sent.at() + "  " + sent.medium() + "  " + n.title() + ": " + n.message());
                n.findings().forEach(f -> lines.add("    - " + f.key() + ": " + f.text()));
            }
            replay.failures().forEach(f -> lines.add(f.at() + "  failed: " + f.error()));
            lines.add(summary(replay));
        }
        return lines;
    }

    /** One alert's replay in a line: windows, firings, notifications per medium, throttled, delayed, failed. */
    private static String summary(Replay replay) {
        Map<String, Integer> byMedium = new TreeMap<>();
        replay.sent().forEach(s -> byMedium.merge(s.medium(), 1, Integer::sum));
        List<String> media = new ArrayList<>();
        byMedium.forEach((medium, count) -> media.add(medium + " " + count));
        return replay.alert() + ": " + replay.windows() + " windows, fired in " + replay.fired() + ", "
                + Counts.of(replay.sent().size(), "notification", "notifications")
                + " would be sent" + (media.isEmpty() ? "" : " (" + String.join(", ", media) + ")") + ", "
                + replay.throttled() + " throttled, " + replay.delayed() + " delayed by fire_after, "
                + replay.failures().size() + " windows failed";
    }

    ObjectNode json(List<Replay> replays) {
        ObjectNode root = JSON.createObjectNode().put("from", from.toString()).put("to", to.toString())
                .put("step", Durations.format(step)).put("windows", windows);
        ArrayNode alerts = root.putArray("alerts");
        for (Replay replay : replays) {
            ObjectNode alert = alerts.addObject().put("alert", replay.alert()).put("windows", replay.windows())
                    .put("fired", replay.fired()).put("throttled", replay.throttled()).put("delayed", replay.delayed());
            ArrayNode sent = alert.putArray("notifications");
            for (Replay.Sent s : replay.sent()) {
                Notification n = s.notification();
                ObjectNode notification = sent.addObject().put("at", s.at().toString()).put("medium", s.medium())
                        .put("resolved", n.resolved()).put("title", n.title()).put("message", n.message())
                        .put("window_start", n.window().start().toString()).put("window_end", n.window().end().toString());
                ArrayNode findings = notification.putArray("findings");
                n.findings().forEach(f -> findings.addObject().put("key", f.key()).put("text", f.text()));
            }
            ArrayNode failures = alert.putArray("failed");
            replay.failures().forEach(f -> failures.addObject().put("at", f.at().toString()).put("error", f.error()));
        }
        return root;
    }
}
