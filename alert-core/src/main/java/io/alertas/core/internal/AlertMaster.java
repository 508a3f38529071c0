package io.alertas.core.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.backoff.Backoff;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.core.internal.operations.MaintenanceWindow;
import io.alertas.core.internal.secrets.Secrets;
import io.alertas.core.internal.state.Silence;
import io.alertas.core.internal.state.State;
import io.alertas.core.internal.state.StateMask;
import io.alertas.core.internal.state.StateStore;
import io.alertas.core.pass.Backtest;
import io.alertas.core.pass.ConnectionCheck;
import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.StateLockedException;
import io.alertas.core.pass.Trial;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Medium;
import io.alertas.spi.Window;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs alerting passes: every active alert's query goes to Elasticsearch, its evaluator decides, fired
 * alerts go to their media, and the throttle and window checkpoints are kept in a {@link StateStore}.
 * Build one with {@link #builder()}; it holds no global state and never exits the JVM. Two passes may be
 * started at once: with the file store the second fails with {@link StateLockedException}; the Elasticsearch
 * store has no lock, and its conditional claims keep overlapping passes from sending a notification twice.
 */
public final class AlertMaster {

    /** The longest wait between two attempts of a delivery, whatever a receiver's Retry-After asks. */
    private static final Duration MAX_DELIVERY_WAIT = Duration.ofSeconds(30);
    /** How often a command that changes the state tries again for the lock a pass holds. */
    private static final Duration LOCK_POLL = Duration.ofMillis(200);
    /** This runner in the state's record of passes: its host's name. */
    public static final String RUNNER = RunnerName.of();

    private final ElasticsearchClient cluster;
    private final Map<String, Alert> alerts;
    private final Map<String, MaintenanceWindow> windows;
    private final Map<String, Medium> media;
    private final StateStore store;
    private final Clock clock;
    private final int concurrency;
    private final Duration evaluatorTimeout;
    private final Duration passTimeout;
    private final Backoff deliveries;
    private final Duration keepUndelivered;
    private final String kibana;
    private final Timings timings;
    private final StateMask mask;

    private AlertMaster(Builder b) {
        this.cluster = requireNonNull(b.cluster, "cluster is null");
        this.store = requireNonNull(b.store, "store is null");
        this.alerts = new LinkedHashMap<>();
        b.alerts.forEach(a -> alerts.put(a.name(), a));
        this.windows = Maintenance.windows(b.everyAlert.isEmpty() ? b.alerts : b.everyAlert);
        this.media = new LinkedHashMap<>(b.media);
        this.clock = b.clock;
        this.concurrency = b.concurrency;
        this.evaluatorTimeout = b.evaluatorTimeout;
        this.passTimeout = b.passTimeout;
        this.deliveries = new Backoff(b.deliveryAttempts, b.retryBackoff, MAX_DELIVERY_WAIT);
        this.keepUndelivered = b.keepUndelivered;
        this.kibana = b.kibana;
        this.timings = b.timings;
        this.mask = StateMask.of(b.secrets);
        for (Alert alert : alerts.values()) {
            for (String medium : alert.media()) {
                if (!media.containsKey(medium)) {
                    throw new IllegalArgumentException("alert \"" + alert.name() + "\" names medium \"" + medium
                            + "\", which is not configured; configured media: " + String.join(", ", media.keySet()));
                }
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one pass.
     *
     * @throws StateLockedException when another pass holds this store's lock; nothing was done
     * @throws IOException when the state cannot be read, or cannot be written at the start of the pass (then
     *     nothing was queried or sent); a write failing later in the pass stops its deliveries and is said in
     *     the report
     * @throws IllegalArgumentException when {@code options} names an alert that does not exist
     * @return the report, with the state as the pass left it unless it was a dry run
     */
    @SuppressWarnings("try") // the lock is held by the try, not used in it
    public PassReport run(PassOptions options) throws StateLockedException, IOException {
        for (String name : options.only()) {
            alert(name);
        }
        long asked = System.nanoTime();
        try (StateStore.Lock lock = store.lock()) {
            timings.add(Timings.Phase.STATE_READ, Duration.ofNanos(System.nanoTime() - asked));
            State state = timings.time(Timings.Phase.STATE_READ, store::load);
            Instant now = options.now().orElseGet(clock::instant).truncatedTo(ChronoUnit.MILLIS);
            state.passAt(now);
            state.mask(mask);
            PassReport report = new Pass(context(now), store, state, options.dryRun() ? Pass.Mode.DRY_RUN : Pass.Mode.LIVE)
                    .run(options.only());
            return options.dryRun() ? report : report.withState(PublicViews.of(state));
        }
    }

    /**
     * A backtest of {@code names} (every active alert that reads history when empty) over the passes from
     * {@code from} to {@code to}, one every {@code step}; run it with {@link Backtest#run}.
     *
     * @throws IllegalArgumentException when a name is unknown or its alert reads no history (a request other
     *     than a search of its index), or the range is empty
     */
    public Backtest backtest(List<String> names, Instant from, Instant to, Duration step) {
        List<Alert> replayed = new ArrayList<>();
        List<String> chosen = names.isEmpty()
                ? alerts.values().stream().filter(a -> a.active() && a.isSearch()).map(Alert::name).toList() : names;
        for (String name : chosen) {
            Alert alert = alert(name);
            if (!alert.isSearch()) {
                throw new IllegalArgumentException("alert \"" + name + "\" cannot be backtested: it sends "
                        + alert.method() + " " + alert.path() + ", which reads no history");
            }
            replayed.add(alert);
        }
        return new HistoryReplay(this::context, replayed, from, to, step);
    }

    /** The stored state, as the next pass would read it; read without the lock, so it may be a pass old. */
    public State stored() throws IOException {
        return store.load();
    }

    /**
     * Silences {@code alert} (only its {@code key}, when not null) from now until {@code until}, and returns
     * the silence with its id. Waits for a running pass's lock, up to the pass timeout.
     *
     * @throws IllegalArgumentException when no alert is so named
     */
    public Silence silence(String alert, String key, Instant until, String reason)
            throws StateLockedException, IOException {
        alert(alert);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!until.isAfter(now)) {
            throw new IllegalArgumentException("a silence must end after now (" + now + "), not at " + until);
        }
        Silence silence = new Silence(UUID.randomUUID().toString().substring(0, 8), alert, key, now, until,
                reason, 0);
        changeState(state -> state.silence(silence));
        return silence;
    }

    /**
     * Ends the silence {@code id} now and returns it, with how many firings it muted; empty when no silence
     * has that id (it may have ended by itself).
     */
    public Optional<Silence> unsilence(String id) throws StateLockedException, IOException {
        List<Silence> ended = new ArrayList<>();
        changeState(state -> Optional.ofNullable(state.unsilence(id)).ifPresent(ended::add));
        return ended.stream().findFirst();
    }

    /** Loads the state under the lock (waiting for a running pass, up to the pass timeout), changes it, saves it. */
    @SuppressWarnings("try") // the lock is held by the try, not used in it
    private void changeState(Consumer<State> change) throws StateLockedException, IOException {
        long deadline = System.nanoTime() + passTimeout.toNanos();
        while (true) {
            try (StateStore.Lock lock = store.lock()) {
                State state = store.load();
                state.passAt(clock.instant());
                state.mask(mask);
                change.accept(state);
                store.save(state);
                return;
            } catch (StateLockedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(LOCK_POLL.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The alerts, by name. Read-only. */
    public Map<String, Alert> alerts() {
        return Collections.unmodifiableMap(alerts);
    }

    /**
     * Runs one alert's query and evaluator as a pass would now, and returns what was sent and decided, or why
     * the cluster did not answer. Sends no notification and changes no state.
     *
     * @throws IOException when the state cannot be read
     * @throws IllegalStateException naming the alert, when its query or its evaluator throws, whatever it throws
     */
    public Trial test(String name, Instant now) throws IOException {
        Alert alert = alert(name);
        PassContext pass = context(now);
        State state = store.load();
        Window window = pass.window(alert, state);
        AlertContext about = pass.about(alert, window, state);
        AlertBoundary boundary = new AlertBoundary();
        JsonNode request = boundary.require(alert, window, "its query", () -> alert.query().render(about));
        JsonNode response;
        try {
            response = cluster.request(alert.method(), alert.path(), request);
        } catch (ElasticsearchException e) {
            return new Trial(window, request, null, null, e.getMessage());
        }
        Optional<Evaluation> evaluation = boundary.require(alert, window, "its evaluator",
                () -> Optional.ofNullable(alert.evaluator().evaluate(response, about)));
        return new Trial(window, request, response, evaluation.orElse(null), null);
    }

    /**
     * Checks, without sending or writing anything, that the cluster answers (and what it is), that each active
     * alert's index exists and suits its query as a pass would render it now, and that each medium's service can
     * be reached: what {@code validate --connect} prints.
     */
    public List<ConnectionCheck> checkConnections(Instant now) {
        PassContext pass = context(now);
        State fresh = new State();
        Map<Alert, AlertContext> active = new LinkedHashMap<>();
        for (Alert alert : alerts.values()) {
            if (alert.active()) {
                active.put(alert, pass.about(alert, pass.window(alert, fresh), fresh));
            }
        }
        return Connections.check(cluster, active, media);
    }

    private PassContext context(Instant now) {
        return new PassContext(cluster, alerts, windows, media, concurrency, evaluatorTimeout, passTimeout, deliveries,
                keepUndelivered, kibana, RUNNER, now, timings, mask);
    }

    private Alert alert(String name) {
        Alert alert = alerts.get(name);
        if (alert == null) {
            throw new IllegalArgumentException("no alert is named \"" + name + "\"; known alerts: "
                    + String.join(", ", new TreeSet<>(alerts.keySet())));
        }
        return alert;
    }

    /**
     * Wires an {@link AlertMaster}. Required: {@link #cluster}, {@link #store}. Defaults: the system UTC
     * clock, 8 queries at once, 10 s per evaluator, 50 s for all the cluster's answers of a pass, 3 delivery
     * attempts from a 1 s backoff, undelivered notifications kept 24 h.
     */
    public static final class Builder {
        private ElasticsearchClient cluster;
        private final List<Alert> alerts = new ArrayList<>();
        private final List<Alert> everyAlert = new ArrayList<>();
        private final Map<String, Medium> media = new LinkedHashMap<>();
        private StateStore store;
        private Clock clock = Clock.systemUTC();
        private int concurrency = 8;
        private Duration evaluatorTimeout = Duration.ofSeconds(10);
        private Duration passTimeout = PassTimeout.DEFAULT;
        private int deliveryAttempts = 3;
        private Duration retryBackoff = Duration.ofSeconds(1);
        private Duration keepUndelivered = Duration.ofHours(24);
        private String kibana = "";
        private Timings timings = new Timings();
        private Secrets secrets = Secrets.NONE;

        private Builder() {
        }

        public Builder cluster(ElasticsearchClient cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder alerts(List<Alert> alerts) {
            this.alerts.addAll(alerts);
            return this;
        }

        /**
         * Of {@code every} alert of the configuration, those whose names {@code runs} accepts (this runner's
         * shard) run; passes know the maintenance windows all of them name, and so leave alone what a window
         * that only another shard's alerts name muted while it is in force.
         */
        public Builder alerts(List<Alert> every, Predicate<String> runs) {
            every.stream().filter(a -> runs.test(a.name())).forEach(this.alerts::add);
            this.everyAlert.addAll(every);
            return this;
        }

        public Builder media(Map<String, Medium> media) {
            this.media.putAll(media);
            return this;
        }

        /** The configuration's secrets, which the state never keeps (see {@link StateMask}). */
        public Builder secrets(Secrets secrets) {
            this.secrets = requireNonNull(secrets, "secrets is null");
            return this;
        }

        public Builder store(StateStore store) {
            this.store = store;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /** How many queries of a pass may be waiting on Elasticsearch at once. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1");
            }
            this.concurrency = concurrency;
            return this;
        }

        /** How long one evaluator may run before its alert is failed. */
        public Builder evaluatorTimeout(Duration evaluatorTimeout) {
            this.evaluatorTimeout = requireNonNull(evaluatorTimeout, "evaluatorTimeout is null");
            return this;
        }

        /**
         * How long a pass waits for all the cluster's answers, retries included; an alert still unanswered
         * then fails with "no answer", so that a cluster that accepts connections but never answers cannot
         * hold a pass past cron's next minute.
         */
        public Builder passTimeout(Duration passTimeout) {
            this.passTimeout = requireNonNull(passTimeout, "passTimeout is null");
            return this;
        }

        /** Attempts per delivery within a pass, and the first wait between them (doubling, with jitter). */
        public Builder deliveryRetries(int attempts, Duration backoff) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            this.deliveryAttempts = attempts;
            this.retryBackoff = requireNonNull(backoff, "backoff is null");
            return this;
        }

        /** How long an undelivered notification is retried on later passes before it is dropped. */
        public Builder keepUndelivered(Duration keepUndelivered) {
            this.keepUndelivered = requireNonNull(keepUndelivered, "keepUndelivered is null");
            return this;
        }

        /** Where passes count their time by phase, for the runner's {@code run --timings}. */
        public Builder timings(Timings timings) {
            this.timings = requireNonNull(timings, "timings is null");
            return this;
        }

        /** The Kibana of this cluster, such as {@code https://kibana.example.com}; notifications link to Discover. */
        public Builder kibana(String url) {
            this.kibana = requireNonNull(url, "url is null");
            return this;
        }

        /** @throws IllegalArgumentException when an alert names a medium that is not given */
        public AlertMaster build() {
            return new AlertMaster(this);
        }
    }
}
