package io.alertas.core.internal;

import io.alertas.core.internal.operations.Flapping;
import io.alertas.core.internal.operations.Flaps;
import io.alertas.core.internal.operations.Gathering;
import io.alertas.core.internal.state.State;
import io.alertas.core.pass.PassReport.Result;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flapping, for the alerts that watch it: per key, the windows its state changed in ({@link Flaps}, kept in the
 * state as part {@value Flaps#PART}). A key that starts flapping is told once on each of the alert's media, its fired
 * and resolved notifications are held while it flaps, and when it is stable again its state is told once: fired
 * if it fires, resolved if it is quiet (which ends the key's episode, so that {@code resolve_after} does not
 * resolve it again). The notices go out as they are (no throttle, digest or template for them,
 * and not for a key a silence mutes); a fired one starts the key's throttle, a resolved one lifts it.
 */
final class FlappingWatch {

    private static final String PART = Flaps.PART;

    private final PassContext context;
    private final State state;
    private final Gate gate;
    private final PassLedger ledger;
    private final Clearance clearance;
    /** Per alert, the keys whose notifications this pass holds. */
    private final Map<String, Set<String>> held = new HashMap<>();

    FlappingWatch(PassContext context, State state, Gate gate, PassLedger ledger, Clearance clearance) {
        this.context = context;
        this.state = state;
        this.gate = gate;
        this.ledger = ledger;
        this.clearance = clearance;
    }

    /**
     * Follows the window of {@code alert} in which {@code fired} keys fired, telling the keys whose flapping
     * started or ended; returns the keys whose notifications it holds in this window: those flapping before or
     * after it.
     */
    Set<String> follow(Alert alert, Window window, List<String> fired) {
        Flapping rule = alert.operations().flapping();
        if (!rule.watched()) {
            return Set.of();
        }
        Flaps flaps = state.kept().get(PART, alert.name()).map(json -> Flaps.read(rule, json)).orElseGet(() -> new Flaps(rule));
        Set<String> holding = new HashSet<>(flaps.keys().keySet().stream().filter(flaps::flapping).toList());
        Set<String> unfollowed = new LinkedHashSet<>();
        Map<String, Flaps.Turn> turns = flaps.follow(new HashSet<>(fired), context.now(), unfollowed);
        state.kept().put(PART, alert.name(), flaps.keys().isEmpty() ? null : flaps.json());
        if (!unfollowed.isEmpty()) {
            ledger.warn("alert \"" + alert.name() + "\" follows at most " + Flaps.MOST_KEYS + " keys of at most "
                    + Gathering.LONGEST_KEY + " characters for flapping; " + unfollowed.size() + " more are not followed");
        }
        holding.addAll(turns.keySet());
        held.put(alert.name(), holding);
        List<String> started = new ArrayList<>();
        List<String> firing = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        turns.forEach((key, turn) -> {
            if (state.silencing(alert.name(), key, context.now()).isPresent()) {
                return;
            }
            (turn == Flaps.Turn.STARTED ? started : fired.contains(key) ? firing : quiet).add(key);
        });
        tell(alert, window, started, "flapping: changed state at least " + rule.changes() + " times in the last "
                + rule.windows() + " windows; its notifications are held until it is stable", flaps, false);
        tell(alert, window, firing, "no longer flapping: stable again, and firing", flaps, false);
        tell(alert, window, quiet, "no longer flapping: stable again, and quiet", flaps, true);
        // told resolved: its episode ends here, so that resolve_after does not tell it resolved a second time
        quiet.forEach(key -> state.episode(alert.name(), key, null));
        return holding;
    }

    /**
     * Those of {@code keys} (of a firing of {@code alert}) whose notifications this pass does not hold; the
     * held ones are said on each medium as {@link Result#FLAPPING}.
     */
    List<String> unheld(Alert alert, List<String> keys) {
        Set<String> holding = held.getOrDefault(alert.name(), Set.of());
        List<String> unheld = keys.stream().filter(k -> !holding.contains(k)).toList();
        if (unheld.size() < keys.size()) {
            alert.media().forEach(medium -> ledger.delivery(alert.name(), medium, Result.FLAPPING, null, null));
        }
        return unheld;
    }

    /** Tells {@code keys} on each of the alert's media: {@code summary}, each key with its changes. */
    private void tell(Alert alert, Window window, List<String> keys, String summary, Flaps flaps, boolean resolved) {
        if (keys.isEmpty()) {
            return;
        }
        Flapping rule = alert.operations().flapping();
        List<Finding> findings = keys.stream().filter(k -> !k.equals(State.wholeAlert()))
                .map(k -> Finding.of(k, "changed state " + flaps.changes(k) + " times in the last " + rule.windows() + " windows"))
                .toList();
        Notification notification = Notification.builder(alert.name(), alert.severity(), Evaluation.naming(summary, findings),
                        window, context.now())
                .findings(findings).cluster(context.cluster().displayUrl()).link(context.discoverLink(window))
                .resolved(resolved).plugin(alert.plugin()).build();
        alert.media().stream().filter(context.media()::containsKey)
                .filter(medium -> !clearance.muted(alert, medium, resolved ? Maintenance.Kind.RESOLVED : Maintenance.Kind.FIRED))
                .forEach(medium -> gate.send(new Gate.Outgoing(alert.name(), medium, notification, summary, keys)));
    }
}
