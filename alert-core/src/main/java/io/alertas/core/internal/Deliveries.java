package io.alertas.core.internal;

import io.alertas.core.internal.state.State;
import io.alertas.core.pass.PassReport.AlertOutcome;
import io.alertas.core.pass.PassReport.Result;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deliveries of a pass: a fired alert's notification to each of its media, and the notifications earlier
 * passes could not deliver, tried again; what {@link Clearance} lets out is handed to the gate, and what it
 * holds back is written to the ledger.
 */
final class Deliveries {

    private final PassContext context;
    private final State state;
    private final Gate gate;
    private final PassLedger ledger;
    private final Clearance clearance;
    private final Digests digests;
    private final FlappingWatch flapping;

    Deliveries(PassContext context, State state, Gate gate, PassLedger ledger, Clearance clearance, Digests digests,
            FlappingWatch flapping) {
        this.context = context;
        this.state = state;
        this.gate = gate;
        this.ledger = ledger;
        this.clearance = clearance;
        this.digests = digests;
        this.flapping = flapping;
    }

    /**
     * Sends a fired alert to each of its media, per key, minding the throttle; {@code due} are the keys its
     * episodes let out; on a medium where the alert has a digest they are gathered into it instead. Once the
     * state could not be written nothing more is sent, and since nothing more is written either, the next pass
     * reads this alert's window again.
     */
    void notify(Alert alert, AlertOutcome outcome, Set<String> due) {
        Evaluation evaluation = outcome.evaluation();
        List<String> all = flapping.unheld(alert, Clearance.keys(evaluation.findings()));
        Clearance.Open open = clearance.open(alert, all, due);
        List<String> delayed = all.stream().filter(k -> !due.contains(k)).toList();
        List<String> silenced = all.stream().filter(k -> due.contains(k) && !open.keys().contains(k)).toList();
        for (String medium : alert.media()) {
            if (open.delayed() > 0) {
                ledger.held(alert.name(), medium, Result.DELAYED, delayed);
            }
            if (open.silenced() > 0) {
                ledger.held(alert.name(), medium, Result.SILENCED, silenced);
            }
            if (open.keys().isEmpty() || clearance.muted(alert, medium, Maintenance.Kind.FIRED)
                    || digests.gather(alert, medium, outcome, open.keys())) {
                continue;
            }
            if (ledger.unwritable()) {
                ledger.delivery(alert.name(), medium, Result.FAILED, null, ledger.notSent());
                continue;
            }
            Set<String> released = clearance.releasable(alert.name(), medium, open.keys(), alert.throttlePeriod());
            List<String> keys = open.keys().stream().filter(released::contains).toList();
            List<Finding> fresh = evaluation.findings().stream().filter(f -> released.contains(f.key())).toList();
            if (keys.isEmpty()) {
                ledger.held(alert.name(), medium, Result.THROTTLED, open.keys());
                continue;
            }
            int suppressed = keys.stream().mapToInt(k -> state.suppressed(alert.name(), medium, k)).sum();
            Notification notification = Notification.builder(alert.name(), alert.severity(), evaluation.message(fresh),
                            outcome.window(), context.now())
                    .findings(fresh).suppressed(suppressed).cluster(context.cluster().displayUrl())
                    .link(context.discoverLink(outcome.window())).plugin(alert.plugin()).build();
            gate.send(new Gate.Outgoing(alert.name(), medium, notification, evaluation.message(), keys));
        }
        digests.keep(alert);
    }

    /**
     * Tries the notifications earlier passes could not deliver, oldest first, without the findings their
     * medium already accepted; one whose receiver asked to wait is kept until then.
     */
    void retry(List<State.Pending> undelivered) {
        for (State.Pending pending : undelivered) {
            Notification n = pending.notification();
            Alert alert = context.alerts().get(pending.alert());
            if (Duration.between(pending.firstFailedAt(), context.now()).compareTo(context.keepUndelivered()) > 0) {
                drop(pending, "not delivered since " + pending.firstFailedAt() + " (" + pending.attempts()
                        + " attempts, last: " + pending.lastError() + "); given up");
                continue;
            }
            if (alert == null || pending.notBefore() != null && context.now().isBefore(pending.notBefore())) {
                continue; // another runner's shard, an alert no longer configured, or a receiver that asked to wait
            }
            if (!context.media().containsKey(pending.medium())) {
                drop(pending, "medium \"" + pending.medium() + "\" is no longer configured");
                continue;
            }
            if (clearance.muted(alert, pending.medium(), Maintenance.Kind.WAITING)) {
                continue;   // it waits, untried, until the window ends
            }
            List<String> keys = Clearance.keys(n.findings()).stream().filter(k -> !pending.accepted().contains(k)).toList();
            if (n.resolved() || Digests.queued(pending)) {   // no throttle holds back a resolution, nor a digest (claimed when first sent)
                gate.send(new Gate.Outgoing(n.alert(), pending.medium(), Sending.without(n, pending.summary(), pending.accepted()),
                        pending.summary(), keys, pending));
                continue;
            }
            gate.settle(n.alert());   // an earlier notification of the alert, delivered, throttles these keys
            Set<String> claimed = clearance.releasable(n.alert(), pending.medium(), keys, alert.throttlePeriod());
            if (claimed.isEmpty()) {
                state.dequeue(pending);
                ledger.held(n.alert(), pending.medium(), Result.THROTTLED, keys);
                continue;
            }
            // findings accepted before, or delivered since, are not told again
            Set<String> gone = Clearance.keys(n.findings()).stream().filter(k -> !claimed.contains(k)).collect(Collectors.toSet());
            gate.send(new Gate.Outgoing(n.alert(), pending.medium(), Sending.without(n, pending.summary(), gone),
                    pending.summary(), List.copyOf(claimed), pending));
        }
    }

    /** Gives up on a notification that waited in the queue: it leaves the queue, and the ledger says why. */
    private void drop(State.Pending pending, String why) {
        state.dequeue(pending);
        ledger.drop(pending.alert(), pending.medium(), pending.notification(), why);
    }
}
