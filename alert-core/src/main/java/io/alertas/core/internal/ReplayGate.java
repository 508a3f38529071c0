package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.state.State;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * The gate of a backtest's window: it writes nothing to a store, sends nothing and logs nothing. It moves
 * checkpoints and counts what the throttle held back as a real pass does, in the backtest's own state, which
 * is never written; it claims every key, and what it would send counts there as delivered.
 */
final class ReplayGate implements Gate {

    private final Bookkeeping books;
    /** Reports what the window would send, as a dry run does. */
    private final DryRunGate report;

    ReplayGate(PassContext context, State state, PassLedger ledger) {
        this.books = new Bookkeeping(context, state);
        this.report = new DryRunGate(context, ledger, NOPLogger.NOP_LOGGER);
    }

    @Override
    public void advance(String alert, Instant to, Optional<JsonNode> memory) {
        books.advance(alert, to, memory);
    }

    @Override
    public void suppress(String alert, String medium, String key) {
        books.suppress(alert, medium, key);
    }

    @Override
    public void send(Outgoing out) {
        books.delivered(out.alert(), out.medium(), out.notification(), out.keys());
        report.send(out);
    }

    @Override
    public Logger log() {
        return NOPLogger.NOP_LOGGER;
    }
}
