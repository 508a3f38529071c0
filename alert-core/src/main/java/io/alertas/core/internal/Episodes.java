package io.alertas.core.internal;

import io.alertas.core.internal.state.State;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The episodes of the alerts that keep them ({@code fire_after}, {@code resolve_after}): per key, its run of
 * firing or quiet windows in the state, which keys a firing may send, and the resolved notifications of keys
 * that went quiet, handed to the gate.
 */
final class Episodes {

    private final PassContext context;
    private final State state;
    private final Gate gate;
    private final Clearance clearance;
    private final FlappingWatch flapping;

    Episodes(PassContext context, State state, Gate gate, Clearance clearance, FlappingWatch flapping) {
        this.context = context;
        this.state = state;
        this.gate = gate;
        this.clearance = clearance;
        this.flapping = flapping;
    }

    /**
     * Follows the episodes of an alert that keeps them, after {@code window} in which {@code fired} keys fired:
     * each firing key's run grows, each other key's run of quiet windows grows, and a told key quiet for
     * {@code resolve_after} windows is resolved on the media told of it. Returns the keys that may be sent:
     * those that fired in {@code fire_after} windows in a row (all of {@code fired} for other alerts). The
     * flapping of its keys is followed first, and a flapping key's resolution is held.
     */
    Set<String> follow(Alert alert, Window window, List<String> fired) {
        Set<String> flaps = flapping.follow(alert, window, fired);
        if (!alert.keepsEpisodes()) {
            return Set.copyOf(fired);
        }
        Map<String, State.Episode> before = Map.copyOf(state.episodes(alert.name()));
        Set<String> due = new HashSet<>();
        for (String key : fired) {
            State.Episode episode = before.get(key);
            int firing = episode == null ? 1 : episode.firing() + 1;
            state.episode(alert.name(), key, new State.Episode(firing, 0, context.now(), episode == null ? Set.of() : episode.told()));
            if (firing >= alert.fireAfter()) {
                due.add(key);
            }
        }
        Map<String, List<String>> resolved = new TreeMap<>();
        Map<String, Instant> lastFired = new TreeMap<>();
        before.forEach((key, episode) -> {
            if (fired.contains(key)) {
                return;
            }
            int quiet = episode.quiet() + 1;
            if (episode.told().isEmpty()) {
                state.episode(alert.name(), key, null);   // never told: a later firing starts its delay again
            } else if (alert.resolveAfter() > 0 && quiet >= alert.resolveAfter()) {
                state.episode(alert.name(), key, null);
                if (flaps.contains(key)) {
                    return;   // told when it is stable again
                }
                lastFired.put(key, episode.lastFired());
                episode.told().stream().filter(context.media()::containsKey)
                        .forEach(medium -> resolved.computeIfAbsent(medium, m -> new ArrayList<>()).add(key));
            } else {
                state.episode(alert.name(), key, new State.Episode(0, quiet, episode.lastFired(), episode.told()));
            }
        });
        resolved.entrySet().stream().filter(r -> !clearance.muted(alert, r.getKey(), Maintenance.Kind.RESOLVED))
                .forEach(r -> gate.send(new Gate.Outgoing(alert.name(), r.getKey(),
                        resolution(alert, window, r.getValue(), lastFired), resolvedSummary(alert), r.getValue())));
        return due;
    }

    private static String resolvedSummary(Alert alert) {
        return "no longer firing: quiet for " + alert.resolveAfter() + (alert.resolveAfter() == 1 ? " window" : " windows");
    }

    /** The resolved notification of {@code keys}, each a finding that says when it last fired. */
    private Notification resolution(Alert alert, Window window, List<String> keys, Map<String, Instant> lastFired) {
        List<Finding> findings = keys.stream().filter(k -> !k.equals(State.wholeAlert()))
                .map(k -> Finding.of(k, "last fired at " + lastFired.get(k))).toList();
        String message = findings.isEmpty()
                ? resolvedSummary(alert) + " since it last fired at " + lastFired.get(State.wholeAlert())
                : Evaluation.naming(resolvedSummary(alert), findings);
        return Notification.builder(alert.name(), alert.severity(), message, window, context.now()).findings(findings)
                .cluster(context.cluster().displayUrl()).link(context.discoverLink(window)).resolved(true).plugin(alert.plugin()).build();
    }
}
