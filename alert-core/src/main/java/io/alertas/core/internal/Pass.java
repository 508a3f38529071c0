package io.alertas.core.internal;

import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.state.Silence;
import io.alertas.core.internal.state.State;
import io.alertas.core.internal.state.StateStore;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.PassReport.AlertOutcome;
import io.alertas.core.pass.PassReport.Status;
import io.alertas.spi.Evaluation;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the alerts: the seed's enrich_alerts_dict, send_alerts and update_throttle_period. It walks
 * the alerts through its parts, which write what they do to its {@link PassLedger}: {@link Evaluations} (with
 * {@link Searches}) queries and evaluates them, {@link Episodes} follows their runs of firing and quiet windows
 * (and {@link FlappingWatch} their flapping), {@link Deliveries} (with {@link Clearance}) decides what goes out,
 * {@link Digests} gathers and sends digests; the {@link Gate} below them sends and records it, or only reports it.
 * First {@link Due} keeps the alerts whose schedule says they run now.
 */
final class Pass {

    private static final Logger LOG = LoggerFactory.getLogger(Pass.class);

    private final PassContext context;
    private final State state;
    private final Instant now;
    private final PassLedger ledger = new PassLedger(LOG);
    private final AlertBoundary boundary = new AlertBoundary();
    private final Gate gate;
    private final Evaluations evaluations;
    private final Episodes episodes;
    private final Deliveries deliveries;
    private final Maintenance maintenance;
    private final Digests digests;
    private final Due due;

    /** How a pass treats what it would send: it sends and records it, only reports it, or replays history. */
    enum Mode {
        /** Sends, and writes the state. */
        LIVE,
        /** Evaluates and reports what it would send; sends nothing and writes no state. */
        DRY_RUN,
        /**
         * A window of a backtest: what it would send counts as delivered in {@code state}, which is the
         * backtest's own and never written; nothing is sent or logged.
         */
        REPLAY
    }

    Pass(PassContext context, StateStore store, State state, Mode mode) {
        this(context, store, state, mode, Map.of());
    }

    /** A pass that takes the answers of {@code answered} instead of asking the cluster for those searches. */
    Pass(PassContext context, StateStore store, State state, Mode mode,
            Map<ElasticsearchClient.Search, ElasticsearchClient.Answer> answered) {
        this.context = context;
        this.state = state;
        this.now = context.now();
        this.gate = switch (mode) {
            case LIVE -> new RecordingGate(context, store, state, ledger, boundary, LOG);
            case DRY_RUN -> new DryRunGate(context, ledger, LOG);
            case REPLAY -> new ReplayGate(context, state, ledger);
        };
        this.evaluations = new Evaluations(context, state, boundary, ledger, gate.log(),
                new Searches(context, boundary, ledger, gate.log(), answered));
        this.maintenance = new Maintenance(state.kept(), ledger, gate.log(), now);
        Clearance clearance = new Clearance(state, gate, now, maintenance);
        FlappingWatch flapping = new FlappingWatch(context, state, gate, ledger, clearance);
        this.episodes = new Episodes(context, state, gate, clearance, flapping);
        this.digests = new Digests(context, state, gate, ledger, clearance);
        this.deliveries = new Deliveries(context, state, gate, ledger, clearance, digests, flapping);
        this.due = new Due(state, now, ledger, mode != Mode.REPLAY);
    }

    /**
     * Runs the pass. Before anything is queried or sent the state is written once: a state that cannot be
     * written would let every later pass send the same notifications again, so then nothing is done.
     *
     * @throws IOException when the state cannot be written at the start; nothing was queried or sent
     */
    PassReport run(Set<String> only) throws IOException {
        long started = System.nanoTime();
        List<Alert> selected = due.select(context.alerts().values().stream()
                .filter(a -> only.isEmpty() ? a.active() : only.contains(a.name()))
                .toList(), only);
        endSilences();
        maintenance.endWindows(context.windows());
        gate.begin(selected);
        try {
            deliveries.retry(gate.undelivered(only));
            selected.forEach(alert -> boundary.run(alert, null, "its digests", () -> digests.flush(alert)));
            evaluations.run(selected, gate::await, this::conclude);
        } finally {
            // also when the pass breaks off: what the lanes delivered is recorded, and their threads end
            gate.settle();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        recordPass(took);
        gate.end();
        PassReport report = ledger.report(now, took, state);
        gate.log().info(report.summary());
        return report;
    }

    /**
     * Concludes an evaluated alert, once what came of its notifications handed over so far is recorded: its
     * outcome followed and counted, its run noted, its failure said.
     */
    private void conclude(Evaluated e) {
        Alert alert = e.alert();
        gate.settle(alert.name());
        boundary.run(alert, e.outcome().window(), "its outcome", () -> follow(e));
        Evaluated done = boundary.failure(alert).orElse(e);
        ledger.evaluated(done.outcome());
        state.ran(alert.name(), now, done.outcome().status() == Status.FIRED, done.outcome().error());
        if (done.outcome().status() == Status.FAILED) {
            gate.log().warn(PassReport.LOGGED_AND_REPORTED, "alert \"{}\" failed: {}", alert.name(), done.outcome().error(), done.cause());
        }
    }

    /** Follows a quiet alert's episodes, or sends what a firing one may send; then moves its window on. */
    private void follow(Evaluated e) {
        Alert alert = e.alert();
        AlertOutcome outcome = e.outcome();
        Evaluation evaluation = outcome.evaluation();
        if (outcome.status() == Status.QUIET) {
            episodes.follow(alert, outcome.window(), List.of());
        } else if (outcome.status() == Status.FIRED) {
            gate.log().info("alert \"{}\" fired: {}", alert.name(), evaluation.message());
            evaluation.findings().forEach(f -> gate.log().info("alert \"{}\" finding {}: {}", alert.name(), f.key(), f.text()));
            deliveries.notify(alert, outcome, episodes.follow(alert, outcome.window(), Clearance.keys(evaluation.findings())));
        }
        if (outcome.status() != Status.FAILED) {
            gate.advance(alert.name(), outcome.window().end(), evaluation.memory());
        }
    }

    /** Ends the silences whose time is up, saying how many firings each one muted. */
    private void endSilences() {
        for (Silence silence : List.copyOf(state.silences().values())) {
            if (!now.isBefore(silence.until())) {
                state.unsilence(silence.id());
                String notice = "silence " + silence.id() + " of alert \"" + silence.alert() + "\" (" + silence.scope()
                        + ") ended at " + silence.until() + ": " + silence.mutedFirings()
                        + (silence.reason().isEmpty() ? "" : " (" + silence.reason() + ")");
                gate.log().info(notice);
                ledger.notice(notice);
            }
        }
    }

    /** Keeps this runner's record of passes: when, how long, whether it succeeded, and the counts. */
    private void recordPass(Duration took) {
        boolean succeeded = ledger.succeeded();
        State.PassRecord last = state.passes().get(context.runner());
        long passes = last == null ? 0 : last.passes();
        long failed = last == null ? 0 : last.failed();
        Instant lastSuccess = succeeded ? now : last == null ? null : last.lastSuccess();
        state.passed(new State.PassRecord(context.runner(), now, took, succeeded, lastSuccess, passes + 1,
                failed + (succeeded ? 0 : 1)));
    }
}
