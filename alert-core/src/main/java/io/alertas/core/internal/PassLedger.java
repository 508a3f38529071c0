package io.alertas.core.internal;

import io.alertas.core.internal.state.State;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.PassReport.AlertOutcome;
import io.alertas.core.pass.PassReport.Delivery;
import io.alertas.core.pass.PassReport.Result;
import io.alertas.core.pass.PassReport.Status;
import io.alertas.spi.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;

/**
 * The ledger of one pass: what each alert's search and evaluation came to (quiet, fired, failed), what became
 * of each notification on each medium (delivered, held back by the throttle, fire_after or a silence, kept for
 * a later pass, dropped), the warnings and notices, and why the state could not be written, if it could not.
 * The parts of the pass write to it as they go; the {@link PassReport} is made from it at the end. Warnings
 * may come from the query and evaluation threads; everything else is written from the pass's own thread.
 */
final class PassLedger {

    private final Logger log;
    private final List<AlertOutcome> outcomes = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Queue<String> warnings = new ConcurrentLinkedQueue<>();
    private final List<String> notices = new ArrayList<>();
    /**
     * Why the state could not be written after a delivery, or null: from then on nothing more is sent. Read by
     * the delivery lanes before each delivery.
     */
    private volatile String unwritable;

    /** A ledger that says through {@code log} what it drops. */
    PassLedger(Logger log) {
        this.log = log;
    }

    /** How one alert's query and evaluation went. */
    void evaluated(AlertOutcome outcome) {
        outcomes.add(outcome);
    }

    /** What became of a notification of {@code alert} on {@code medium}. */
    void delivery(String alert, String medium, Result result, Notification notification, String error) {
        deliveries.add(new Delivery(alert, medium, result, notification, error));
    }

    /** A firing of {@code alert} held back on {@code medium} for {@code result}: its {@code keys} were not sent. */
    void held(String alert, String medium, Result result, List<String> keys) {
        deliveries.add(new Delivery(alert, medium, result, null, null, keys));
    }

    /** Gives up on a notification, saying why in the log and the summary. */
    void drop(String alert, String medium, Notification notification, String why) {
        log.error(PassReport.LOGGED_AND_REPORTED, "notification of alert \"{}\" to {} dropped: {}", alert, medium, why);
        delivery(alert, medium, Result.DROPPED, notification, why);
    }

    /** A warning for the report; safe from any thread. */
    void warn(String warning) {
        warnings.add(warning);
    }

    void notice(String notice) {
        notices.add(notice);
    }

    /** The state could not be written, for {@code why}: nothing more is sent in this pass. */
    void unwritable(String why) {
        unwritable = why;
    }

    /** Whether the state could not be written in this pass, so that nothing more may be sent. */
    boolean unwritable() {
        return unwritable != null;
    }

    /** Why a notification was not sent once the state could not be written. */
    String notSent() {
        return "not sent: the state could not be written (" + unwritable + "); the next pass tries again";
    }

    /** Whether the pass succeeded as its record in the state says: no alert failed, nothing lost, the state written. */
    boolean succeeded() {
        return unwritable == null && outcomes.stream().noneMatch(o -> o.status() == Status.FAILED)
                && deliveries.stream().noneMatch(d -> d.result() == Result.FAILED || d.result() == Result.DROPPED);
    }

    /** The report of the pass at {@code now} that took {@code took}, with what {@code state} warned of first. */
    PassReport report(Instant now, Duration took, State state) {
        List<String> all = new ArrayList<>(state.warnings());
        all.addAll(warnings);
        return new PassReport(now, took, outcomes, deliveries, all, notices, Optional.ofNullable(unwritable),
                state.setAside());
    }
}
