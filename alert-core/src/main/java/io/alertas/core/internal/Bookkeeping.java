package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.state.State;
import io.alertas.spi.Notification;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a real pass and a backtest's replay note in their {@link State} as they go (the store is the gate's
 * business): checkpoints moved with what the evaluator remembers, firings the throttle held back, and
 * deliveries, which start or lift a throttle and name the media an episode's resolution goes to.
 */
final class Bookkeeping {

    private final PassContext context;
    private final State state;

    Bookkeeping(PassContext context, State state) {
        this.context = context;
        this.state = state;
    }

    /** Moves the alert's checkpoint to {@code to}, and with it what the evaluator remembers, if it said. */
    void advance(String alert, Instant to, Optional<JsonNode> memory) {
        state.checkpoint(alert, to);
        memory.ifPresent(m -> state.memory(alert, m));
    }

    /** Counts a firing of {@code key} that the throttle held back on {@code medium}. */
    void suppress(String alert, String medium, String key) {
        state.suppress(alert, medium, key);
    }

    /**
     * Records a delivery: a firing throttles its keys and, for an alert with {@code resolve_after}, makes the
     * medium one that its resolution goes to; a resolution lifts the throttle, so a new firing is told at once.
     */
    void delivered(String alert, String medium, Notification notification, List<String> keys) {
        boolean followed = context.alerts().containsKey(alert) && context.alerts().get(alert).resolveAfter() > 0;
        for (String key : keys) {
            if (notification.resolved()) {
                state.unthrottle(alert, medium, key);
                continue;
            }
            state.delivered(alert, medium, key, context.now());
            State.Episode episode = state.episodes(alert).get(key);
            if (followed && episode != null && !episode.told().contains(medium)) {
                Set<String> told = new HashSet<>(episode.told());
                told.add(medium);
                state.episode(alert, key, new State.Episode(episode.firing(), episode.quiet(), episode.lastFired(), told));
            }
        }
    }
}
