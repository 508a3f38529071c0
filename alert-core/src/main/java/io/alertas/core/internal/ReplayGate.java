package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.state.State;
import io.alertas.core.pass.PassReport.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * The gate of a backtest's window: it writes nothing to a store, sends nothing and logs nothing. It moves
 * checkpoints and counts what the throttle held back as a real pass does, in the backtest's own state, which
 * is never written; it claims every key, and what it would send counts there as delivered.
 */
final class ReplayGate implements Gate {

    private final PassContext context;
    private final PassLedger ledger;
    private final Bookkeeping books;

    ReplayGate(PassContext context, State state, PassLedger ledger) {
        this.context = context;
        this.ledger = ledger;
        this.books = new Bookkeeping(context, state);
    }

    @Override
    public void begin(List<Alert> selected) {
    }

    @Override
    public List<State.Pending> undelivered(Set<String> only) {
        return List.of();
    }

    @Override
    public void advance(String alert, Instant to, Optional<JsonNode> memory) {
        books.advance(alert, to, memory);
    }

    @Override
    public Set<String> claim(String alert, String medium, List<String> keys, Duration period) {
        return Set.copyOf(keys);
    }

    @Override
    public void suppress(String alert, String medium, String key) {
        books.suppress(alert, medium, key);
    }

    @Override
    public void send(Outgoing out) {
        books.delivered(out.alert(), out.medium(), out.notification(), out.keys());
        ledger.delivery(out.alert(), out.medium(), Result.DRY_RUN,
                context.templated(out.alert(), out.medium(), out.notification()), null);
    }

    @Override
    public void end() {
    }

    @Override
    public Logger log() {
        return NOPLogger.NOP_LOGGER;
    }
}
