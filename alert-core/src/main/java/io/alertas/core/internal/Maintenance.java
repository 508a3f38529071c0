package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.operations.MaintenanceWindow;
import io.alertas.core.internal.state.Kept;
import io.alertas.core.pass.PassReport.Result;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The maintenance windows in a pass, for {@link Clearance}: whether one in force mutes an alert's notification
 * on a medium now, and, per window, how many it muted, kept in the state (part {@value #PART}, one object per
 * window) until the pass that finds the window ended says so as a notice. A muted fired or resolved
 * notification is not sent and not kept; a notification waiting in the queue stays there, untried, and is
 * not counted: it goes out after the window.
 */
final class Maintenance {

    /** The part of the state's {@code kept} that holds what each window muted. */
    static final String PART = "maintenance";

    private final Kept kept;
    private final PassLedger ledger;
    private final Logger log;
    private final Instant now;
    private final Map<String, Optional<Instant>> ends = new HashMap<>();

    Maintenance(Kept kept, PassLedger ledger, Logger log, Instant now) {
        this.kept = kept;
        this.ledger = ledger;
        this.log = log;
        this.now = now;
    }

    /** What a muted notification was: fired, resolved, or waiting in the queue from an earlier pass. */
    enum Kind { FIRED, RESOLVED, WAITING }

    /**
     * Whether a window in force now mutes {@code alert} on {@code medium}; if one does, the ledger says so and
     * the window counts a fired or resolved notification.
     */
    boolean mutes(Alert alert, String medium, Kind kind) {
        Optional<MaintenanceWindow> window = alert.operations().maintenance(medium).stream().filter(w -> w.inForce(now)).findFirst();
        if (window.isEmpty()) {
            return false;
        }
        ledger.delivery(alert.name(), medium, Result.MAINTENANCE, null, null);
        if (kind != Kind.WAITING) {
            count(window.get(), kind == Kind.FIRED ? "muted" : "resolved");
        }
        return true;
    }

    private void count(MaintenanceWindow window, String field) {
        ObjectNode muted = kept.get(PART, window.name()).orElseGet(JsonNodeFactory.instance::objectNode);
        muted.put(field, Math.min(Integer.MAX_VALUE, number(muted, field) + 1L));
        if (!muted.has("since")) {
            muted.put("since", now.toString());
        }
        ends.computeIfAbsent(window.name(), n -> window.nextEnd(now)).ifPresent(end -> muted.put("until", end.toString()));
        kept.put(PART, window.name(), muted);
    }

    /** The windows that {@code alerts} name, by name. */
    static Map<String, MaintenanceWindow> windows(Iterable<Alert> alerts) {
        Map<String, MaintenanceWindow> named = new HashMap<>();
        alerts.forEach(a -> a.operations().maintenance().values().forEach(list -> list.forEach(w -> named.put(w.name(), w))));
        return named;
    }

    /**
     * Before anything is sent: says, for each window that muted something and is no longer in force (or whose
     * stretch in force ended since), what it muted, and forgets the count. {@code known} are the windows that
     * any alert of the configuration names, in or out of this runner's shard. A count of a window not known (no
     * longer configured, or named only in another runner's newer configuration) is left alone until the end of
     * the stretch it was counted in, which it recorded, and said then; at once if it recorded none.
     */
    void endWindows(Map<String, MaintenanceWindow> known) {
        for (Map.Entry<String, ObjectNode> entry : List.copyOf(kept.of(PART).entrySet())) {
            MaintenanceWindow window = known.get(entry.getKey());
            Instant until = instant(entry.getValue().path("until"));
            boolean stretch = until == null ? window != null : now.isBefore(until);
            if (stretch && (window == null || window.inForce(now))) {
                continue;
            }
            Instant ended = until != null && !until.isAfter(now) ? until : now;
            long resolved = number(entry.getValue(), "resolved");
            String notice = "maintenance window " + entry.getKey() + " ended at " + ended + ": "
                    + firings(number(entry.getValue(), "muted")) + " muted"
                    + (resolved == 0 ? "" : ", and " + resolved + " resolved " + (resolved == 1 ? "notification" : "notifications"))
                    + (window == null ? " (it no longer applies to any alert)" : "");
            log.info(notice);
            ledger.notice(notice);
            kept.put(PART, entry.getKey(), null);
        }
    }

    private static String firings(long n) {
        return n + (n == 1 ? " firing" : " firings");
    }

    /** A count the state holds; 0 when it holds none, or something else than a count. */
    private static long number(JsonNode object, String field) {
        JsonNode value = object.path(field);
        return value.canConvertToInt() && value.asInt() > 0 ? value.asInt() : 0;
    }

    private static Instant instant(JsonNode value) {
        try {
            return value.isTextual() ? Instant.parse(value.asText()) : null;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
