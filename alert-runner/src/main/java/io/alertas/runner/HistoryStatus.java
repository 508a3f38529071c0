package io.alertas.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.pass.HistoryEntry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code status --history NAME [--since 24h] [--json]}: one alert's history read back from the cluster, newest
 * first, one line per document (at most {@value #LIMIT}).
 */
final class HistoryStatus {

    static final Option<String> HISTORY = Option.text("--history");
    static final Option<Duration> SINCE = Option.duration("--since");
    static final int LIMIT = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryStatus() {
    }

    /** Prints the history {@code line} asks for; the exit code. */
    static int run(CommandLine line, Context context) {
        String alert = line.value(HISTORY).orElseThrow();
        if (context.unknown(alert)) {
            return Main.USAGE;
        }
        if (!context.alertas().operations().historyKept()) {
            context.console().error("the history is not kept: give credentials.json a \"history\""
                    + " section with \"enabled\": true, or keep the state in the cluster (see docs/history.md)");
            return Main.FAILED;
        }
        Instant now = context.clock().instant();
        Instant since = now.minus(line.value(SINCE).orElse(Duration.ofHours(24)));
        List<HistoryEntry> entries;
        try {
            entries = context.alertas().operations().history(alert, since, LIMIT);
        } catch (IOException e) {
            context.console().error("the history cannot be read: " + Messages.firstLine(e));
            return Main.FAILED;
        }
        if (line.has(Option.JSON)) {
            ObjectNode root = JSON.createObjectNode().put("alert", alert).put("since", since.toString());
            ArrayNode list = root.putArray("history");
            entries.forEach(e -> list.add(json(e)));
            context.console().json(root);
        } else if (entries.isEmpty()) {
            context.console().say("no history of alert \"" + alert + "\" since " + since);
        } else {
            entries.forEach(e -> context.console().say(line(e)));
        }
        return Main.OK;
    }

    /** One document in one line: when, what, the key, where, and the message. */
    static String line(HistoryEntry e) {
        return e.at() + "  " + e.outcome() + (e.key() == null ? "" : "  key " + e.key())
                + (e.medium() == null ? "" : "  on " + e.medium()) + (e.message() == null ? "" : "  " + e.message());
    }

    private static ObjectNode json(HistoryEntry e) {
        ObjectNode entry = JSON.createObjectNode().put("@timestamp", e.at().toString()).put("alert", e.alert())
                .put("key", e.key()).put("severity", e.severity()).put("medium", e.medium()).put("outcome", e.outcome())
                .put("message", e.message());
        entry.putObject("window").put("start", e.windowStart() == null ? null : e.windowStart().toString())
                .put("end", e.windowEnd() == null ? null : e.windowEnd().toString());
        return entry.put("runner", e.runner()).put("plugin", e.plugin());
    }
}
