package io.alertas.core.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.operations.DigestPeriod;
import io.alertas.core.internal.operations.Gathering;
import io.alertas.core.internal.state.State;
import io.alertas.core.pass.PassReport.AlertOutcome;
import io.alertas.core.pass.PassReport.Result;
import io.alertas.spi.Durations;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The digests of a pass: on a medium where an alert has a {@code digest} period, what fires is gathered in the
 * state (part {@value Gathering#PART}, one object per alert holding each medium's {@link Gathering}) instead of sent,
 * and the first pass at or after the period's end sends it as one notification through the gate, like any
 * other: throttled, queued when it fails. A finding's text is kept with the secrets it quotes masked, as a
 * notification waiting in the state is (its key is masked already).
 *
 * <p>Runners that share the state claim a digest's keys before they send it, as any delivery: the one that
 * sends it first keeps the others from sending it again within {@link DigestPeriod#SHORTEST}.
 *
 * <p>A key still throttled on the medium is not gathered but counted as suppressed, as a throttled firing is;
 * the digest's delivery starts the throttle of each key it names. What a pass gathers reaches the state only
 * when the alert is done ({@link #keep}), with its checkpoint once its deliveries are recorded
 * ({@link Gate#afterDeliveries}), so that a delivery recorded in between (the file store's journal writes what
 * the parts keep for the alert) never holds firings of a window whose checkpoint has not moved: a pass that
 * dies before its state is written reads that window again and gathers it again, once. A digest sent is
 * forgotten with the record of its delivery, so that no state written before that record lacks it.
 */
final class Digests {

    private static final String PART = Gathering.PART;

    private final PassContext context;
    private final State state;
    private final Gate gate;
    private final PassLedger ledger;
    private final Clearance clearance;
    /** What this pass gathered per alert, kept in the state by {@link #keep}. */
    private final Map<String, ObjectNode> gathered = new HashMap<>();
    private final Set<String> warned = new HashSet<>();

    Digests(PassContext context, State state, Gate gate, PassLedger ledger, Clearance clearance) {
        this.context = context;
        this.state = state;
        this.gate = gate;
        this.ledger = ledger;
        this.clearance = clearance;
    }

    /**
     * Gathers into the digest of {@code medium} the firing of {@code keys} (those no silence or fire_after held
     * back) if the alert has one there; returns whether it has, so that the firing is not sent at once.
     */
    boolean gather(Alert alert, String medium, AlertOutcome outcome, List<String> keys) {
        Optional<Duration> period = alert.operations().digest(medium);
        if (period.isEmpty()) {
            return false;
        }
        ObjectNode digests = gathered.computeIfAbsent(alert.name(),
                a -> state.kept().get(PART, a).orElseGet(JsonNodeFactory.instance::objectNode));
        Optional<Gathering> existing = Gathering.read(digests.path(medium));
        Gathering gathering = existing.orElseGet(() -> new Gathering(
                DigestPeriod.end(context.now(), period.get()).minus(period.get()), DigestPeriod.end(context.now(), period.get())));
        Map<String, String> texts = new HashMap<>();
        outcome.evaluation().findings().forEach(f -> texts.put(f.key(), f.text()));
        int held = 0;
        for (String key : keys) {
            if (state.throttled(alert.name(), medium, key, alert.throttlePeriod(), context.now())) {
                gate.suppress(alert.name(), medium, key);
                held++;
            } else if (!gathering.add(key, context.mask().text(texts.getOrDefault(key, outcome.evaluation().message())),
                    context.now())
                    && warned.add(alert.name() + "\n" + medium)) {
                ledger.warn("the digest of alert \"" + alert.name() + "\" on " + medium + " keeps at most " + Gathering.MOST_KEYS
                        + " keys of at most " + Gathering.LONGEST_KEY + " characters; the firings of other keys are only counted");
            }
        }
        if (existing.isPresent() || gathering.firings() > 0) {   // a firing held back whole starts no digest
            digests.set(medium, gathering.json());
        }
        ledger.delivery(alert.name(), medium, held == keys.size() ? Result.THROTTLED : Result.DIGESTED, null, null);
        return true;
    }

    /** Keeps in the state what this pass gathered for {@code alert}, once its deliveries are recorded. */
    void keep(Alert alert) {
        ObjectNode digests = gathered.remove(alert.name());
        if (digests != null) {
            gate.afterDeliveries(alert.name(), () -> keep(alert, digests));
        }
    }

    /**
     * Sends each digest of {@code alert} whose period ended, and forgets it in the state with its delivery's
     * record, before that is written, so that the record holds it no more (a failed one is queued like any
     * notification) and no state written before lacks it.
     */
    void flush(Alert alert) {
        Optional<ObjectNode> kept = state.kept().get(PART, alert.name());
        if (kept.isEmpty()) {
            return;
        }
        ObjectNode digests = kept.get();
        Map<String, Gathering> due = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        digests.fields().forEachRemaining(e -> {
            Optional<Gathering> gathering = Gathering.read(e.getValue());
            if (gathering.isEmpty()) {
                unreadable.add(e.getKey());
            } else if (!context.now().isBefore(gathering.get().end())
                    && !clearance.muted(alert, e.getKey(), Maintenance.Kind.WAITING)) {   // sent after the window
                due.put(e.getKey(), gathering.get());
            }
        });
        unreadable.forEach(medium -> ledger.warn("the digest of alert \"" + alert.name() + "\" on " + medium
                + " could not be read from the state and was forgotten"));
        unreadable.forEach(digests::remove);
        keep(alert, digests);
        due.forEach((medium, gathering) -> {   // each forgotten with its delivery's record
            gate.settle(alert.name());   // the record of the digest sent before holds this one still
            digests.remove(medium);
            if (gathering.firings() > 0) {   // one kept empty by an earlier version is forgotten unsent
                send(alert, medium, gathering, digests);
            } else {
                keep(alert, digests);
            }
        });
    }

    /** Keeps {@code digests} as the alert's in the state (a copy), or forgets them when none is left. */
    private void keep(Alert alert, ObjectNode digests) {
        state.kept().put(PART, alert.name(), digests.isEmpty() ? null : digests);
    }

    /**
     * Sends {@code gathering}, or what of it this runner may: a key the claim does not grant is put back in
     * {@code digests} for a later pass (a delivery on the medium within {@link DigestPeriod#SHORTEST}, such as a
     * flapping notice, holds its claim), unless the claim showed another runner delivered it since the period ended.
     * What is left of {@code digests} is kept with the record of the delivery, or at once when nothing is sent.
     */
    private void send(Alert alert, String medium, Gathering gathering, ObjectNode digests) {
        List<String> keys = gathering.keys().isEmpty() ? List.of(State.wholeAlert()) : List.copyOf(gathering.keys().keySet());
        if (!context.media().containsKey(medium)) {
            ledger.drop(alert.name(), medium, notification(alert, medium, gathering, keys),
                    "medium \"" + medium + "\" is no longer configured");
            keep(alert, digests);
            return;
        }
        // runners sharing the state (the Elasticsearch store) may both find the period ended: one sends it
        Map<String, Instant> known = new HashMap<>();
        keys.forEach(k -> known.put(k, deliveredAt(alert.name(), medium, k)));
        Set<String> granted = gate.claim(alert.name(), medium, keys, DigestPeriod.SHORTEST);
        List<String> claimed = keys.stream().filter(granted::contains).toList();
        List<String> elsewhere = keys.stream().filter(k -> !granted.contains(k)).filter(k -> {
            Instant at = deliveredAt(alert.name(), medium, k);
            return at != null && !at.isBefore(gathering.end()) && !at.equals(known.get(k));
        }).toList();
        List<String> left = keys.stream().filter(k -> !granted.contains(k) && !elsewhere.contains(k)).toList();
        if (!elsewhere.isEmpty()) {
            gate.log().info("the digest of alert \"{}\" on {} to {} was sent by another runner for {} of its keys",
                    alert.name(), medium, gathering.end(), elsewhere.size());
        }
        if (!left.isEmpty()) {
            digests.set(medium, (claimed.isEmpty() && elsewhere.isEmpty() ? gathering : gathering.only(left, false)).json());
            gate.log().info("the digest of alert \"{}\" on {} to {} is kept for a later pass: {} of its keys were"
                    + " delivered there within {}", alert.name(), medium, gathering.end(), left.size(),
                    Durations.format(DigestPeriod.SHORTEST));
        }
        if (claimed.isEmpty()) {
            keep(alert, digests);
        } else {
            Gathering told = claimed.size() == keys.size() ? gathering : gathering.only(claimed, true);
            ObjectNode kept = digests.deepCopy();
            gate.send(new Gate.Outgoing(alert.name(), medium, notification(alert, medium, told, claimed), summary(told), claimed),
                    () -> keep(alert, kept));
        }
    }

    private Instant deliveredAt(String alert, String medium, String key) {
        State.Throttle throttle = state.throttles().getOrDefault(alert, Map.of()).getOrDefault(medium, Map.of()).get(key);
        return throttle == null ? null : throttle.deliveredAt();
    }

    /** The digest of {@code gathering}, whose {@code keys} are those it names (the whole alert when none is kept). */
    private Notification notification(Alert alert, String medium, Gathering gathering, List<String> keys) {
        Window period = Window.of(gathering.start(), gathering.end());
        String summary = summary(gathering);
        List<Finding> findings = new ArrayList<>();
        String message = summary;
        for (Map.Entry<String, Gathering.Entry> e : gathering.keys().entrySet()) {
            Gathering.Entry entry = e.getValue();
            String said = entry.count() + (entry.count() == 1 ? " firing at " + entry.first()
                    : " firings from " + entry.first() + " to " + entry.last()) + ": " + entry.text();
            if (e.getKey().equals(State.wholeAlert())) {
                message = summary + "; " + said;
            } else {
                findings.add(Finding.of(e.getKey(), said));
            }
        }
        int suppressed = keys.stream().mapToInt(k -> state.suppressed(alert.name(), medium, k)).sum();
        return Notification.builder(alert.name(), alert.severity(), Evaluation.naming(message, findings), period, context.now())
                .findings(findings).suppressed(suppressed).cluster(context.cluster().displayUrl())
                .link(context.discoverLink(period)).plugin(alert.plugin()).build();
    }

    /**
     * Whether {@code pending} is a digest waiting in the queue: its summary opens as a digest's of its window
     * does. Its keys were claimed when it was first sent, so its retry minds no throttle: a digest of a later
     * period delivered meanwhile throttles the same keys, and would otherwise drop this one.
     */
    static boolean queued(State.Pending pending) {
        Window window = pending.notification().window();
        return pending.summary().startsWith(opening(window.start(), window.end()));
    }

    private static String opening(Instant start, Instant end) {
        return "digest of " + Durations.format(Duration.between(start, end)) + " from " + start + " to " + end + ": ";
    }

    /** The first line of a digest: its period, and how many firings of how many keys. */
    private static String summary(Gathering gathering) {
        long firings = gathering.firings();
        String keys = gathering.keys().containsKey(State.wholeAlert()) ? ""
                : " of " + gathering.keys().size() + (gathering.keys().size() == 1 ? " key" : " keys")
                        + (gathering.uncounted() == 0 ? "" : " (and " + gathering.uncounted() + " firings of keys not kept)");
        return opening(gathering.start(), gathering.end()) + firings + (firings == 1 ? " firing" : " firings") + keys;
    }
}
