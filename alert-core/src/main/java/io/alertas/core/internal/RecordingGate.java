package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.state.State;
import io.alertas.core.internal.state.StateStore;
import io.alertas.core.pass.PassReport.Result;
import io.alertas.spi.Notification;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The gate of a real pass: it starts and moves checkpoints, claims in the store, counts what the throttle held
 * back, hands notifications to their media and keeps those not delivered for a later pass, and writes the
 * state, once before the queries, after each delivery and at the end.
 */
final class RecordingGate implements Gate {

    private final PassContext context;
    private final StateStore store;
    private final State state;
    private final PassLedger ledger;
    private final AlertBoundary boundary;
    private final Logger log;
    private final Bookkeeping books;
    private final StateWrites writes;
    /** Hands the notifications to the media within the pass's deadline. */
    private final Sending sending;

    RecordingGate(PassContext context, StateStore store, State state, PassLedger ledger, AlertBoundary boundary,
            Logger log) {
        this.context = context;
        this.store = store;
        this.state = state;
        this.ledger = ledger;
        this.boundary = boundary;
        this.log = log;
        this.books = new Bookkeeping(context, state);
        this.writes = new StateWrites(context, store, state, ledger, log);
        this.sending = new Sending(context);
    }

    /**
     * An alert's first window starts its checkpoint, written before anything is queried: if this pass
     * fails or dies, the next one reads from there instead of starting later and skipping this window.
     */
    @Override
    public void begin(List<Alert> selected) throws IOException {
        for (Alert alert : selected) {
            if (state.checkpoint(alert.name()).isEmpty()) {
                boundary.run(alert, null, "its first window", () -> state.checkpoint(alert.name(), context.window(alert, state).start()));
            }
        }
        writes.first();
    }

    @Override
    public List<State.Pending> undelivered(Set<String> only) {
        return state.pending().stream().filter(p -> only.isEmpty() || only.contains(p.alert())).toList();
    }

    @Override
    public void advance(String alert, Instant to, Optional<JsonNode> memory) {
        books.advance(alert, to, memory);
    }

    /** The keys this runner may deliver; if the store cannot say, all of them: a repeat beats a loss. */
    @Override
    public Set<String> claim(String alert, String medium, List<String> keys, Duration period) {
        try {
            StateStore.Claim claim = store.claim(alert, medium, keys, period, context.now());
            state.learn(claim);
            return claim.granted();
        } catch (IOException e) {
            log.warn("could not claim the delivery of alert \"{}\" to {}; delivering anyway", alert, medium, e);
            return Set.copyOf(keys);
        }
    }

    @Override
    public void suppress(String alert, String medium, String key) {
        books.suppress(alert, medium, key);
    }

    /**
     * Delivers; a delivery throttles its keys; a failure keeps the notification for a later pass, with the
     * findings the medium accepted before it failed; a refusal drops it.
     */
    @Override
    public void send(Outgoing out) {
        String alert = out.alert();
        String medium = out.medium();
        Notification notification = out.notification();
        if (ledger.unwritable()) {
            releaseClaim(alert, medium, notification, out.keys());
            ledger.delivery(alert, medium, Result.FAILED, notification, ledger.notSent());
            return;
        }
        Sending.Outcome outcome = sending.deliver(medium, context.media().get(medium), notification, out.summary(),
                told -> context.templated(alert, medium, told));
        List<String> took = outcome.result() == Sending.Result.DELIVERED ? out.keys()
                : out.keys().stream().filter(outcome.accepted()::contains).toList();
        releaseClaim(alert, medium, notification, out.keys().stream().filter(k -> !took.contains(k)).toList());
        books.delivered(alert, medium, notification, took);
        State.Pending earlier = out.earlier();
        if (earlier != null) {
            state.dequeue(earlier);
        }
        switch (outcome.result()) {
            case DELIVERED -> {
                log.info("alert \"{}\" delivered to {}", alert, medium);
                ledger.delivery(alert, medium, Result.DELIVERED, notification, null);
            }
            case REFUSED -> ledger.drop(alert, medium, notification, outcome.why(took.size(), out.keys().size()));
            case KEPT -> {
                String why = outcome.why(took.size(), out.keys().size());
                log.warn("alert \"{}\" not delivered to {}: {}", alert, medium, why);
                Instant first = earlier == null ? context.now() : earlier.firstFailedAt();
                state.queue(new State.Pending(medium, notification, out.summary(), first,
                        earlier == null ? 1 : earlier.attempts() + 1, outcome.error(), Set.copyOf(took),
                        sending.retryFrom(outcome, first)));
                ledger.delivery(alert, medium, Result.FAILED, notification, why + outcome.kept());
            }
        }
        if (!took.isEmpty()) {
            writes.delivery(alert, medium, took);
        }
    }

    @Override
    public void end() {
        if (!ledger.unwritable()) {
            writes.save();
        }
    }

    @Override
    public Logger log() {
        return log;
    }

    /** Gives back the claim a firing's delivery made; a resolution claims nothing. */
    private void releaseClaim(String alert, String medium, Notification notification, List<String> keys) {
        if (notification.resolved()) {
            return;
        }
        try {
            store.release(alert, medium, keys);
        } catch (IOException e) {
            log.error("could not give back the claim of alert \"{}\" on {}; it stays throttled there", alert, medium, e);
        }
    }
}
