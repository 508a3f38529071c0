package io.alertas.core.internal;

import io.alertas.spi.DeliveryException;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a pass hands its notifications to the media, within the pass's deadline ({@code pass_timeout} from its
 * start). Each answer is one of three: delivered; kept for a later pass (not before the receiver's
 * Retry-After, when it gave one); or refused for good, to be dropped. A medium's retries and waits stop at
 * the deadline, and one that does not return by then is interrupted and its notification kept; a medium
 * that failed is not tried again in the pass, and once the deadline is past nothing more is tried. The
 * findings a medium accepted before it failed are said with the outcome, so that only the others are sent
 * again. The pass's {@link Lanes} call it at once, each medium from one lane only.
 */
final class Sending {

    private static final Logger LOG = LoggerFactory.getLogger(Sending.class);
    /** The media get at least this long, even in a pass whose cluster took all of pass_timeout. */
    private static final Duration FLOOR = Duration.ofSeconds(5);
    /** How long a medium interrupted at the deadline has to say what it delivered before it is left behind. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** The longest a receiver's Retry-After holds a notification back; a receiver may ask for years. */
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    /** What came of handing a notification to a medium. */
    enum Result {
        DELIVERED,
        /** Not delivered; kept for a later pass, not before {@link Outcome#notBefore} when that is set. */
        KEPT,
        /** The receiver refused it for good: it is dropped. */
        REFUSED
    }

    /**
     * The result, the keys of the findings the medium accepted in this pass (when it failed partway through),
     * why it failed (null when delivered), and when it may be tried again (null: on the next pass).
     */
    record Outcome(Result result, Set<String> accepted, String error, Instant notBefore) {
        Outcome {
            accepted = Set.copyOf(accepted);
        }

        /** Why it was not delivered, and how far it got when {@code took} of its {@code findings} were accepted. */
        String why(int took, int findings) {
            return error + (took == 0 ? "" : " after " + took + " of " + findings + " findings were accepted");
        }

        /** When a kept notification is tried again. */
        String kept() {
            return notBefore == null ? " (kept; retried on the next pass)"
                    : " (kept; retried from " + notBefore + ", as the receiver asked)";
        }
    }

    private final PassContext context;
    private final Instant now;
    /** The deadline; it and {@link #extended} are guarded by this, as the lanes deliver at once. */
    private long deadline;
    /**
     * Whether the deadline may no longer move on for the media: it did once already, or a medium was still busy
     * when it came (the media had their time).
     */
    private boolean extended;
    /** Media that failed in this pass, with their failure: further notifications for them are kept, not tried. */
    private final Map<String, Outcome> down = new ConcurrentHashMap<>();

    Sending(PassContext context) {
        this.context = context;
        this.now = context.now();
        this.deadline = System.nanoTime() + context.passTimeout().toNanos();
    }

    /**
     * Hands {@code notification} to {@code medium} as {@code templated} makes it, retrying with backoff within
     * the deadline; a retry sends only the findings not yet accepted ({@code summary} begins the message then).
     */
    Outcome deliver(String name, Medium medium, Notification notification, String summary,
            UnaryOperator<Notification> templated) {
        Outcome failed = down.get(name);
        if (failed != null) {
            return new Outcome(Result.KEPT, Set.of(), name + " already failed in this pass", failed.notBefore());
        }
        long until = deadline();
        if (System.nanoTime() - until >= 0) {
            return new Outcome(Result.KEPT, Set.of(), "not tried: the pass's " + context.passTimeout().toSeconds()
                    + "s (pass_timeout) were up", null);
        }
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                context.deliveries().run(() -> {
                    try {
                        medium.deliver(templated.apply(without(notification, summary, accepted)));
                        return null;
                    } catch (DeliveryException e) {
                        accepted.addAll(e.accepted());
                        throw e;
                    }
                }, DeliveryException::retryable, DeliveryException::retryAfter, until);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "alertas-delivery-" + name);
        worker.setDaemon(true);
        Outcome outcome = context.timings().time(Timings.Phase.DELIVERY, () -> {
            worker.start();
            return await(name, done, worker, until, accepted);
        });
        if (outcome.result() == Result.KEPT) {
            down.put(name, outcome);
        }
        return outcome;
    }

    private Outcome await(String name, CompletableFuture<Void> done, Thread worker, long until, Set<String> accepted) {
        try {
            try {
                done.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException late) {
                cut();
                worker.interrupt();
                try {
                    done.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException hung) {
                    return new Outcome(Result.KEPT, accepted, name + " did not answer within the pass's "
                            + context.passTimeout().toSeconds() + "s (pass_timeout)", null);
                }
            }
            return new Outcome(Result.DELIVERED, Set.of(), null, null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeliveryException failure) {
                Instant notBefore = failure.retryAfter()
                        .map(asked -> now.plus(asked.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : asked)).orElse(null);
                return new Outcome(failure.refused() ? Result.REFUSED : Result.KEPT, accepted, failure.getMessage()
                        + (System.nanoTime() - until >= 0 ? "; the pass's time was up" : ""),
                        notBefore);
            }
            LOG.error("medium {} threw while delivering", name, e.getCause());
            return new Outcome(Result.KEPT, accepted, "medium threw " + e.getCause().getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            return new Outcome(Result.KEPT, accepted, "the pass was interrupted", null);
        }
    }

    /**
     * When a notification kept with {@code outcome}, that first failed at {@code firstFailedAt}, is tried again:
     * when the receiver asked (null: on the next pass), but never after the pass that would give it up.
     */
    Instant retryFrom(Outcome outcome, Instant firstFailedAt) {
        Instant givenUp = firstFailedAt.plus(context.keepUndelivered());
        return outcome.notBefore() == null || outcome.notBefore().isBefore(givenUp) ? outcome.notBefore() : givenUp;
    }

    /**
     * The deadline. The first time a delivery finds it past while no medium was cut off by it (a cluster that
     * took all of pass_timeout, while earlier alerts' deliveries went out in time), it moves to {@link #FLOOR}
     * from then, once, so that a slow cluster does not starve the media.
     */
    private synchronized long deadline() {
        if (!extended && System.nanoTime() - deadline >= 0) {
            extended = true;
            deadline = System.nanoTime() + FLOOR.toNanos();
        }
        return deadline;
    }

    /** A medium was still busy at the deadline: the deadline stays where it is. */
    private synchronized void cut() {
        extended = true;
    }

    /** {@code notification} without the findings of {@code keys}, its message naming the rest after {@code summary}. */
    static Notification without(Notification notification, String summary, Set<String> keys) {
        if (keys.isEmpty()) {
            return notification;
        }
        List<Finding> left = notification.findings().stream().filter(f -> !keys.contains(f.key())).toList();
        return notification.toBuilder().message(Evaluation.naming(summary, left)).findings(left).build();
    }
}
