package io.alertas.core.throttle;

import java.io.IOException;

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

    /** A held lock; closing releases it. */
    interface Lock extends AutoCloseable {
        @Override
        void close() throws IOException;
    }
}
