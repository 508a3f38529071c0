package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.state.State;
import io.alertas.spi.Notification;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;

/**
 * The layer below the parts of a pass, where a real pass, a dry run and a backtest's replay part: the parts
 * decide what goes out and the gate carries it out. A real pass ({@link RecordingGate}) starts and moves
 * checkpoints, claims, counts what the throttle held back, sends, and writes the state; a dry run
 * ({@link DryRunGate}) does none of it and reports what it would send; a replay ({@link ReplayGate}) keeps
 * the backtest's own state in memory and sends nothing. A gate writes to the pass's ledger and never calls
 * back up into the pass.
 */
interface Gate {

    /**
     * Before the queries: for a real pass, the first checkpoints of new alerts and the state written once. By
     * default nothing.
     *
     * @throws IOException when the state cannot be written; then nothing may be queried or sent
     */
    default void begin(List<Alert> selected) throws IOException {
    }

    /**
     * The notifications earlier passes could not deliver that this pass tries again, oldest first (of
     * {@code only}, if any); by default none.
     */
    default List<State.Pending> undelivered(Set<String> only) {
        return List.of();
    }

    /**
     * Moves the alert's checkpoint to {@code to}, and with it what the evaluator remembers, if it said. A real
     * pass moves it once what came of the alert's notifications handed over so far is recorded
     * ({@link #afterDeliveries}).
     */
    void advance(String alert, Instant to, Optional<JsonNode> memory);

    /**
     * Changes what the state holds of {@code alert} as its window is done with (its checkpoint, the digests
     * gathered from it): a real pass does it once what came of the alert's notifications handed over so far is
     * recorded, so that no state written while one is under way says the window was done with. By default at once.
     */
    default void afterDeliveries(String alert, Runnable change) {
        change.run();
    }

    /**
     * The keys of {@code keys} this runner may deliver on {@code medium}, none of which is throttled there; by
     * default all of them, as for a gate that shares nothing with other runners.
     */
    default Set<String> claim(String alert, String medium, List<String> keys, Duration period) {
        return Set.copyOf(keys);
    }

    /** Counts a firing of {@code key} the throttle held back on {@code medium}. */
    void suppress(String alert, String medium, String key);

    /**
     * Hands a notification to its medium, or says what would be sent. A real pass delivers it later, beside the
     * pass's other work; {@link #settle} waits for what came of it.
     */
    void send(Outgoing outgoing);

    /**
     * Hands {@code outgoing} over as {@link #send(Outgoing)}, and makes {@code change} (such as forgetting the
     * digest it tells) with the record of what came of it, before that is written: no state written while it
     * is under way lacks what it tells. By default at once.
     */
    default void send(Outgoing outgoing, Runnable change) {
        change.run();
        send(outgoing);
    }

    /**
     * Waits until what came of {@code alert}'s notifications handed over so far is recorded: what the pass
     * reads next of that alert (its throttles, the media its episodes were told on, its waiting notifications)
     * then says it. By default there is nothing to wait for.
     */
    default void settle(String alert) {
    }

    /**
     * Waits for {@code future} (an alert's search and evaluation); a real pass records what came of its
     * deliveries meanwhile, so that each is recorded as soon as it is done.
     */
    default <T> T await(CompletableFuture<T> future) {
        return future.join();
    }

    /** Waits until what came of every notification handed over is recorded. By default there is nothing to wait for. */
    default void settle() {
    }

    /** After the pass: for a real pass, the state written. By default nothing. */
    default void end() {
    }

    /** Where the pass says what it does: the log, or nowhere for a backtest's windows. */
    Logger log();

    /**
     * A notification of {@code alert} for {@code medium} about {@code keys}, whose message begins with
     * {@code summary}; {@code earlier} is the undelivered notification it tries again, or null.
     */
    record Outgoing(String alert, String medium, Notification notification, String summary, List<String> keys,
            State.Pending earlier) {
        public Outgoing {
            keys = List.copyOf(keys);
        }

        /** A notification not tried before. */
        public Outgoing(String alert, String medium, Notification notification, String summary, List<String> keys) {
            this(alert, medium, notification, summary, keys, null);
        }
    }
}
