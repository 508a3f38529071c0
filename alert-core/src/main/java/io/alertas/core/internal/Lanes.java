package io.alertas.core.internal;

import io.alertas.core.internal.media.Addressed;
import io.alertas.spi.Medium;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lanes a real pass delivers in, one per receiver: the URL (or URLs) a built-in medium posts to, so that
 * media naming the same URL share its lane, or else the medium itself. A lane is one worker that delivers its
 * notifications one after another, in the order they were handed over, while the other lanes and the pass's
 * searches and evaluations go on.
 *
 * <p>What came of a delivery is recorded on the pass's thread, the only one that touches the state: when the
 * pass next calls the gate, or at once while it waits for its searches ({@link #await}) or for the lanes. A
 * lane starts its next delivery only once its last one is recorded (and so written to the journal), so that a
 * kill repeats at most the delivery under way in each lane.
 */
final class Lanes {

    /** A delivery that came to {@code outcome}; the lane waits until {@code recorded} completes. */
    private record Done(Gate.Outgoing out, Sending.Outcome outcome, CompletableFuture<Void> recorded) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);
    /** Not a delivery: wakes the pass's thread waiting in {@link #await} when what it waits for is done. */
    private static final Done WAKE = new Done(null, null, new CompletableFuture<>());

    private final Function<Gate.Outgoing, Sending.Outcome> deliver;
    private final BiConsumer<Gate.Outgoing, Sending.Outcome> record;
    /** The lanes by receiver; touched by the pass's thread only. */
    private final Map<Object, ExecutorService> lanes = new HashMap<>();
    /** What was handed over and not recorded yet, in the order it was handed over; the pass's thread only. */
    private final List<Gate.Outgoing> underWay = new ArrayList<>();
    private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();

    /**
     * Lanes that {@code deliver} on their own thread (returning within the pass's deadline; null when it did
     * not send) and {@code record} the outcome on the pass's thread.
     */
    Lanes(Function<Gate.Outgoing, Sending.Outcome> deliver, BiConsumer<Gate.Outgoing, Sending.Outcome> record) {
        this.deliver = deliver;
        this.record = record;
    }

    /** Who {@code medium} delivers to: two media with the same receiver deliver in one lane. */
    static Object receiver(Medium medium) {
        return medium instanceof Addressed addressed ? addressed.receiver() : medium;
    }

    /**
     * Puts {@code out} at the end of the lane of {@code receiver}. A lane that cannot be started (no thread left
     * to the process) keeps the notification for a later pass at once, and never leaves the pass waiting.
     */
    void hand(Object receiver, Gate.Outgoing out) {
        try {
            lanes.computeIfAbsent(receiver, r -> Executors.newSingleThreadExecutor(task -> {
                Thread lane = new Thread(task, "alertas-lane-" + out.medium());
                lane.setDaemon(true);
                return lane;
            })).execute(() -> {
                CompletableFuture<Void> recorded = new CompletableFuture<>();
                done.add(new Done(out, delivered(out), recorded));
                try {
                    recorded.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a delivery's outcome could not be recorded", e.getCause());
                }
            });
        } catch (RuntimeException | Error e) {
            LOG.error("no lane could be started for {}", out.medium(), e);
            record(new Done(out, kept(e), new CompletableFuture<>()));
            return;
        }
        underWay.add(out);
    }

    /** What came of delivering {@code out}: a lane that threw keeps it, and never leaves the pass waiting. */
    private Sending.Outcome delivered(Gate.Outgoing out) {
        try {
            return deliver.apply(out);
        } catch (RuntimeException | Error e) {
            LOG.error("the lane of {} threw while delivering", out.medium(), e);
            return kept(e);
        }
    }

    /** A notification kept for a later pass because its lane broke with {@code e}. */
    private static Sending.Outcome kept(Throwable e) {
        return new Sending.Outcome(Sending.Result.KEPT, Set.of(), "its lane broke: " + e.getClass().getSimpleName(), null);
    }

    /** Whether a delivery of {@code alert} was handed over and is not recorded yet. */
    boolean underWay(String alert) {
        return underWay.stream().anyMatch(out -> out.alert().equals(alert));
    }

    /** Records the outcomes that came in, without waiting. */
    void drain() {
        for (Done d = done.poll(); d != null; d = done.poll()) {
            record(d);
        }
    }

    /**
     * Waits for {@code future}, recording each outcome as it comes in meanwhile, so that a lane's delivery is
     * recorded as soon as it is done while the pass waits for its searches.
     */
    <T> T await(CompletableFuture<T> future) {
        future.whenComplete((made, thrown) -> done.add(WAKE));
        boolean interrupted = false;
        while (!future.isDone()) {
            try {
                record(done.take());
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return future.join();
    }

    /**
     * Waits until every delivery under way that {@code which} picks is recorded, recording each outcome as it
     * comes in. The wait is bounded by the pass's deadline, which every delivery keeps; an interrupt is kept
     * for the caller, and the outcomes are still recorded, so that none is lost.
     */
    void settle(Predicate<Gate.Outgoing> which) {
        drain();
        boolean interrupted = false;
        while (underWay.stream().anyMatch(which)) {
            try {
                record(done.take());
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every delivery is recorded, then lets the lanes' threads end. */
    void finish() {
        try {
            settle(out -> true);
        } finally {
            lanes.values().forEach(ExecutorService::shutdown);
            lanes.clear();
        }
    }

    /**
     * Records {@code d}. A record that throws is said against its own alert and medium, not against the alert
     * whose gate call happened to record it, and the lane goes on.
     */
    private void record(Done d) {
        if (d == WAKE) {
            return;
        }
        try {
            underWay.removeIf(out -> out == d.out());
            record.accept(d.out(), d.outcome());
        } catch (RuntimeException e) {
            LOG.error("what came of alert \"{}\"'s notification to {} could not be recorded", d.out().alert(), d.out().medium(), e);
        } finally {
            d.recorded().complete(null);
        }
    }
}
