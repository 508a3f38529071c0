package io.alertas.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.pass.MaintenanceStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The maintenance windows as {@code status} and the status page show them: each window in force and until
 * when, and its next stretch in force, every instant in the window's own zone and in UTC.
 */
final class MaintenanceLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT);

    private MaintenanceLines() {
    }

    /** One window as the page's template reads it: each text already worded. */
    record Row(String name, String zone, boolean inForce, String until, String next, String mutes) {
    }

    static List<Row> rows(List<MaintenanceStatus> windows) {
        return windows.stream().map(w -> new Row(w.window(), w.zone().getId(), w.inForce(),
                w.inForce() ? w.until().map(u -> when(u, w.zone())).orElse("no end within four years") : "",
                w.nextStart().map(s -> when(s, w.zone()) + " to " + w.nextEnd().map(e -> when(e, w.zone())).orElse("no end within four years"))
                        .orElse("none within four years"),
                String.join(", ", w.mutes()))).toList();
    }

    /** The lines of {@code status}: one per window, with what it mutes. */
    static List<String> lines(List<MaintenanceStatus> windows) {
        return rows(windows).stream().map(r -> "  " + r.name() + " (" + r.zone() + "): "
                + (r.inForce() ? "in force until " + r.until() + "; " : "") + "next " + r.next() + "; mutes " + r.mutes())
                .toList();
    }

    static ArrayNode json(List<MaintenanceStatus> windows) {
        ArrayNode list = JSON.createArrayNode();
        for (MaintenanceStatus w : windows) {
            ObjectNode window = list.addObject().put("window", w.window()).put("time_zone", w.zone().getId())
                    .put("in_force", w.inForce()).put("until", string(w.until()))
                    .put("next_start", string(w.nextStart())).put("next_end", string(w.nextEnd()));
            w.mutes().forEach(window.putArray("mutes")::add);
        }
        return list;
    }

    /** An instant in {@code zone} and in UTC: "2026-10-25 03:00 CET (2026-10-25T02:00:00Z)". */
    static String when(Instant instant, ZoneId zone) {
        return LOCAL.format(instant.atZone(zone)) + " (" + instant + ")";
    }

    private static String string(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
