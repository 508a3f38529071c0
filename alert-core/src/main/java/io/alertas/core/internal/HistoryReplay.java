package io.alertas.core.internal;

import static java.util.Objects.requireNonNull;

import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.core.internal.state.State;
import io.alertas.core.internal.state.StateStore;
import io.alertas.core.pass.Backtest;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.PassReport.Status;
import io.alertas.core.pass.Replay;
import io.alertas.core.pass.Replay.Failure;
import io.alertas.core.pass.Replay.Sent;
import io.alertas.spi.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link Backtest}: replays alerts over history, the passes cron would have run from {@code from} to {@code to}, one every
 * {@code step}, each a real pass over its window (the alerts' own queries, evaluators, memory, throttle,
 * fire_after and resolve_after) whose notifications count as delivered in a state of the backtest's own.
 * Nothing is sent and no stored state is read or written. The searches of many windows go to the cluster in
 * one {@code _msearch}, made ahead with each alert's memory as the batch starts; a window whose query came out
 * otherwise (the memory moved, or a window failed and the next is longer) is searched on its own.
 */
public final class HistoryReplay implements Backtest {

    /** How many windows are searched ahead in one go. */
    private static final int WINDOWS_AHEAD = 240;

    /** The store of a replay, which never reads or writes one. */
    private static final StateStore NONE = new StateStore() {
        @Override
        public Lock lock() {
            throw new IllegalStateException("a backtest keeps no state");
        }

        @Override
        public State load() {
            throw new IllegalStateException("a backtest keeps no state");
        }

        @Override
        public void save(State state) {
            throw new IllegalStateException("a backtest keeps no state");
        }
    };

    private final Function<Instant, PassContext> contexts;
    private final List<Alert> alerts;
    private final Instant from;
    private final Instant to;
    private final Duration step;

    HistoryReplay(Function<Instant, PassContext> contexts, List<Alert> alerts, Instant from, Instant to, Duration step) {
        this.contexts = requireNonNull(contexts, "contexts is null");
        this.alerts = List.copyOf(alerts);
        this.from = requireNonNull(from, "from is null");
        this.to = requireNonNull(to, "to is null");
        this.step = requireNonNull(step, "step is null");
        if (!to.isAfter(from) || step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("a backtest needs its start before its end and a positive step");
        }
    }

    /** The passes at from + step, from + 2 step, ... up to {@code to}. */
    @Override
    public long windows() {
        return Duration.between(from, to).toMillis() / step.toMillis();
    }

    @Override
    public int alerts() {
        return alerts.size();
    }

    @Override
    public List<Replay> run(Progress progress) {
        State state = new State();
        alerts.forEach(alert -> state.checkpoint(alert.name(), from.minus(alert.queryDelay())));
        Set<String> names = alerts.stream().map(Alert::name).collect(Collectors.toSet());
        Map<String, Tally> tallies = new LinkedHashMap<>();
        alerts.forEach(alert -> tallies.put(alert.name(), new Tally()));
        long total = windows();
        for (long first = 1; first <= total; first += WINDOWS_AHEAD) {
            long last = Math.min(total, first + WINDOWS_AHEAD - 1);
            Map<ElasticsearchClient.Search, ElasticsearchClient.Answer> answered = searchAhead(state, first, last);
            for (long k = first; k <= last; k++) {
                Instant now = from.plus(step.multipliedBy(k));
                PassReport report = replay(now, state, names, answered);
                report.alerts().forEach(outcome -> tallies.get(outcome.alert()).add(outcome, now));
                report.deliveries().forEach(delivery -> tallies.get(delivery.alert()).add(delivery, now));
            }
            progress.windows(last, total);
        }
        List<Replay> replays = new ArrayList<>();
        tallies.forEach((name, tally) -> replays.add(tally.replay(name)));
        return replays;
    }

    private PassReport replay(Instant now, State state, Set<String> names,
            Map<ElasticsearchClient.Search, ElasticsearchClient.Answer> answered) {
        try {
            return new Pass(contexts.apply(now), NONE, state, Pass.Mode.REPLAY, answered).run(names);
        } catch (IOException e) {
            throw new UncheckedIOException("a replayed pass writes no state, yet it said it could not", e);
        }
    }

    /**
     * The answers to the searches of windows {@code first} to {@code last}, as each alert's query comes out
     * with what it remembers now; what the cluster could not answer in a batch is left to the window's pass.
     */
    private Map<ElasticsearchClient.Search, ElasticsearchClient.Answer> searchAhead(State state, long first, long last) {
        Set<ElasticsearchClient.Search> wanted = new LinkedHashSet<>();   // alerts that search alike are asked once
        AlertBoundary boundary = new AlertBoundary();   // what fails here fails again in the window's pass, which says so
        for (long k = first; k <= last; k++) {
            PassContext context = contexts.apply(from.plus(step.multipliedBy(k)));
            for (Alert alert : alerts) {
                if (!alert.isSearch()) {
                    continue;
                }
                Instant end = context.now().minus(alert.queryDelay());
                Window window = Window.of(end.minus(step), end);
                boundary.attempt(alert, window, "its query", () -> alert.query().render(context.about(alert, window, state)))
                        .ifPresent(body -> wanted.add(new ElasticsearchClient.Search(alert.index(), body)));
            }
        }
        List<ElasticsearchClient.Search> searches = List.copyOf(wanted);
        Map<ElasticsearchClient.Search, ElasticsearchClient.Answer> answered = new HashMap<>();
        ElasticsearchClient cluster = contexts.apply(from).cluster();
        for (int at = 0; at < searches.size(); at += cluster.searchBatch()) {
            List<ElasticsearchClient.Search> batch = searches.subList(at, Math.min(searches.size(), at + cluster.searchBatch()));
            try {
                List<ElasticsearchClient.Answer> answers = cluster.msearch(batch);
                for (int i = 0; i < batch.size(); i++) {
                    answered.put(batch.get(i), answers.get(i));
                }
            } catch (ElasticsearchException e) {
                // each window's pass asks for these itself, and says what fails
            }
        }
        return answered;
    }

    /** One alert's counts as its windows are replayed. */
    private static final class Tally {
        private int windows;
        private int fired;
        private int throttled;
        private int delayed;
        private final List<Sent> sent = new ArrayList<>();
        private final List<Failure> failures = new ArrayList<>();

        void add(PassReport.AlertOutcome outcome, Instant at) {
            windows++;
            if (outcome.status() == Status.FIRED) {
                fired++;
            } else if (outcome.status() == Status.FAILED) {
                failures.add(new Failure(at, outcome.error()));
            }
        }

        void add(PassReport.Delivery delivery, Instant at) {
            switch (delivery.result()) {
                case DRY_RUN -> sent.add(new Sent(at, delivery.medium(), delivery.notification()));
                case THROTTLED -> throttled++;
                case DELAYED -> delayed++;
                default -> { }
            }
        }

        Replay replay(String alert) {
            return new Replay(alert, windows, fired, throttled, delayed, sent, failures);
        }
    }
}
