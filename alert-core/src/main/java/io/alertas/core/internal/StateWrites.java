package io.alertas.core.internal;

import io.alertas.core.internal.state.State;
import io.alertas.core.internal.state.StateStore;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;

/**
 * A real pass's writes of its state to the store, each counted to the state writes. The first, before anything
 * is queried, must succeed; when a later one fails the ledger says why, and from then on nothing more is sent:
 * what the pass could not record it would send again.
 */
final class StateWrites {

    private final PassContext context;
    private final StateStore store;
    private final State state;
    private final PassLedger ledger;
    private final Logger log;

    StateWrites(PassContext context, StateStore store, State state, PassLedger ledger, Logger log) {
        this.context = context;
        this.store = store;
        this.state = state;
        this.ledger = ledger;
        this.log = log;
    }

    /**
     * Writes the state once before anything is queried or sent.
     *
     * @throws IOException when it cannot be written; then the pass does nothing
     */
    void first() throws IOException {
        timed(() -> store.save(state));
    }

    /** Writes the state at the end of a pass. */
    void save() {
        write(() -> store.save(state));
    }

    /** Records a delivery before the next is sent, so that a crash later in the pass cannot repeat it. */
    void delivery(String alert, String medium, List<String> keys) {
        write(() -> store.saveDelivery(state, alert, medium, keys));
    }

    /** A write to the state store. */
    private interface Write {
        void run() throws IOException;
    }

    /** Runs {@code write}, counting its time to the state writes. */
    private void timed(Write write) throws IOException {
        context.timings().time(Timings.Phase.STATE_WRITES, () -> {
            write.run();
            return null;
        });
    }

    private void write(Write write) {
        try {
            timed(write);
        } catch (IOException e) {
            ledger.unwritable(e.getMessage());
            log.error("the state could not be written; nothing more is sent in this pass", e);
        }
    }
}
