package io.alertas.core.internal.state;

import io.alertas.core.pass.StateLockedException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a pass keeps its {@link State} between runs. A pass takes the lock, loads, works, saves, and
 * releases the lock; an implementation makes {@link #save} atomic, so a crash leaves the old state or the
 * new one, never a mix.
 */
public interface StateStore {

    /**
     * Takes the lock that keeps two passes on one configuration apart.
     *
     * @throws StateLockedException when another pass holds it
     */
    Lock lock() throws StateLockedException, IOException;

    /** Reads the state; an empty state when there is none yet. An unreadable state is set aside, not fatal. */
    State load() throws IOException;

    void save(State state) throws IOException;

    /**
     * Makes one delivery's record last before the next delivery is sent: what the delivery of {@code alert} to
     * {@code medium} changed for {@code keys} (their throttles and episodes), and the queue of notifications
     * still to deliver. By default the whole state is saved.
     */
    default void saveDelivery(State state, String alert, String medium, List<String> keys) throws IOException {
        save(state);
    }

    /**
     * Claims the right to deliver {@code keys} of {@code alert} on {@code medium} at {@code now}, for
     * runners that share this store, and says which keys this runner may send. A key another runner
     * delivered within {@code period} is not claimed, and the claim carries that delivery for the caller to
     * record ({@link State#learn}); the store changes no {@link State}. A store used by one runner at a time,
     * behind its lock, claims every key.
     */
    default Claim claim(String alert, String medium, List<String> keys, Duration period, Instant now) throws IOException {
        return new Claim(alert, medium, new LinkedHashSet<>(keys), Map.of());
    }

    /**
     * What a claim found: the keys this runner may deliver ({@code granted}), and the throttles of the keys
     * other runners delivered ({@code elsewhere}), which keep those quiet.
     */
    record Claim(String alert, String medium, Set<String> granted, Map<String, State.Throttle> elsewhere) {
        public Claim {
            granted = Collections.unmodifiableSet(new LinkedHashSet<>(granted));
            elsewhere = Collections.unmodifiableMap(new LinkedHashMap<>(elsewhere));
        }
    }

    /** Gives back the claims of a delivery that failed, so that its keys are not throttled. */
    default void release(String alert, String medium, List<String> keys) throws IOException {
    }

    /** A held lock; closing releases it. */
    interface Lock extends AutoCloseable {
        @Override
        void close() throws IOException;
    }
}
