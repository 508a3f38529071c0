package io.alertas.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.alertas.core.TeamOperations;
import io.alertas.core.pass.ScheduledRun;
import io.alertas.core.pass.StoredState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When each scheduled alert (one with {@code "every"}) runs next, for {@code status} and the status page; the
 * alerts run every pass are not listed.
 */
final class NextRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scheduled alert as the page shows it. Fields are read by the page's template. */
    record Row(String alert, String schedule, String next, String lastRun) {
    }

    private final Instant now;
    private final List<ScheduledRun> runs;

    private NextRuns(Instant now, List<ScheduledRun> runs) {
        this.now = now;
        this.runs = List.copyOf(runs);
    }

    /** The next runs of the alerts of {@code operations}, from their last runs in {@code state}, as of {@code now}. */
    static NextRuns of(TeamOperations operations, StoredState state, Instant now) {
        return new NextRuns(now, operations.nextRuns(state, now));
    }

    /** Whether any alert has a schedule; read by the page's template. */
    boolean any() {
        return !runs.isEmpty();
    }

    /** Each scheduled alert, for the page. */
    List<Row> rows() {
        return runs.stream().map(r -> new Row(r.alert(), r.schedule(), next(r),
                r.lastRun().map(Instant::toString).orElse("-"))).toList();
    }

    /** A section of the terminal's status: a blank line, its title and one line per scheduled alert; none if none. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (any()) {
            lines.add("");
            lines.add("scheduled (the other alerts run every pass):");
            rows().forEach(r -> lines.add("  " + r.alert() + ": " + r.schedule() + ", next run " + r.next()
                    + ", last run " + r.lastRun()));
        }
        return lines;
    }

    ArrayNode json() {
        ArrayNode list = JSON.createArrayNode();
        runs.forEach(r -> list.addObject().put("alert", r.alert()).put("schedule", r.schedule())
                .put("last_run", r.lastRun().map(Instant::toString).orElse(null))
                .put("next_run", r.next().equals(Instant.MAX) ? null : r.next().toString()).put("due", r.due(now)));
        return list;
    }

    private String next(ScheduledRun run) {
        if (run.next().equals(Instant.MAX)) {
            return "never";
        }
        return run.due(now) ? "at the next pass (due since " + run.next() + ")" : run.next().toString();
    }
}
