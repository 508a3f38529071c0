package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.state.State;
import io.alertas.core.internal.state.StateStore;
import io.alertas.core.pass.PassReport.Result;
import io.alertas.spi.Notification;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;

/**
 * The gate of a real pass: it starts and moves checkpoints, claims in the store, counts what the throttle held
 * back, hands notifications to their receivers' {@link Lanes} and keeps those not delivered for a later pass,
 * and writes the state, once before the queries, after each delivery and at the end. All of it, the record of
 * each delivery included, is done on the pass's thread: the lanes only deliver.
 *
 * <p>What says an alert's window is done with (its checkpoint moved, the digests it gathered or sent) waits
 * for the record of the alert's deliveries under way: a state written meanwhile, whole for a store that
 * records a delivery by saving the whole state, then lacks none of what a pass killed before their record
 * must read or send again.
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
    /** Where the notifications are delivered, each receiver's in order, the receivers at once. */
    private final Lanes lanes = new Lanes(this::deliver, this::record);
    /** The changes each alert makes once none of its deliveries is under way, in the order they were made. */
    private final Map<String, List<Runnable>> afterDeliveries = new HashMap<>();
    /** The change each notification handed over makes with its record. */
    private final Map<Outgoing, Runnable> withRecord = new IdentityHashMap<>();

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
        afterDeliveries(alert, () -> books.advance(alert, to, memory));
    }

    @Override
    public void afterDeliveries(String alert, Runnable change) {
        lanes.drain();
        if (lanes.underWay(alert)) {
            afterDeliveries.computeIfAbsent(alert, a -> new ArrayList<>()).add(change);
        } else {
            change.run();
        }
    }

    /** The keys this runner may deliver; if the store cannot say, all of them: a repeat beats a loss. */
    @Override
    public Set<String> claim(String alert, String medium, List<String> keys, Duration period) {
        lanes.drain();
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
        lanes.drain();
        books.suppress(alert, medium, key);
    }

    /**
     * Hands the notification to its receiver's lane, after recording what came of those before; once the state
     * could not be written it is not sent.
     */
    @Override
    public void send(Outgoing out) {
        lanes.drain();
        if (ledger.unwritable()) {
            notSent(out);
            return;
        }
        lanes.hand(Lanes.receiver(context.media().get(out.medium())), out);
    }

    @Override
    public void send(Outgoing out, Runnable change) {
        withRecord.put(out, change);
        send(out);
    }

    /** Waits for the outcomes of {@code alert}'s notifications handed over so far, which its conclusion reads. */
    @Override
    public void settle(String alert) {
        lanes.settle(out -> out.alert().equals(alert));
        madeAfterDeliveries(alert);
    }

    @Override
    public <T> T await(CompletableFuture<T> future) {
        return lanes.await(future);
    }

    @Override
    public void settle() {
        lanes.finish();
        List.copyOf(afterDeliveries.keySet()).forEach(this::madeAfterDeliveries);
    }

    /** Delivers on {@code out}'s lane; null when the state could not be written, and nothing more is sent. */
    private Sending.Outcome deliver(Outgoing out) {
        if (ledger.unwritable()) {
            return null;
        }
        return sending.deliver(out.medium(), context.media().get(out.medium()), out.notification(), out.summary(),
                told -> context.templated(out.alert(), out.medium(), told));
    }

    /**
     * Records a delivery, on the pass's thread: a delivery throttles its keys; a failure keeps the notification
     * for a later pass, with the findings the medium accepted before it failed; a refusal drops it.
     */
    private void record(Outgoing out, Sending.Outcome outcome) {
        if (outcome == null) {
            notSent(out);
            return;
        }
        String alert = out.alert();
        String medium = out.medium();
        Notification notification = out.notification();
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
        recorded(out);
        if (!took.isEmpty()) {
            writes.delivery(alert, medium, took);
        }
    }

    /** A notification not sent because the state could not be written: its claim given back. */
    private void notSent(Outgoing out) {
        releaseClaim(out.alert(), out.medium(), out.notification(), out.keys());
        ledger.delivery(out.alert(), out.medium(), Result.FAILED, out.notification(), ledger.notSent());
        recorded(out);
    }

    /**
     * Makes the changes that waited for the record of {@code out}: its own, then its alert's once none of the
     * alert's deliveries is under way.
     */
    private void recorded(Outgoing out) {
        Runnable change = withRecord.remove(out);
        if (change != null) {
            change.run();
        }
        if (!lanes.underWay(out.alert())) {
            madeAfterDeliveries(out.alert());
        }
    }

    private void madeAfterDeliveries(String alert) {
        List<Runnable> changes = afterDeliveries.remove(alert);
        if (changes != null) {
            changes.forEach(Runnable::run);
        }
    }

    @Override
    public void end() {
        settle();
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
