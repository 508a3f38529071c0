package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.core.internal.state.State;
import io.alertas.core.internal.state.StateStore;
import io.alertas.core.pass.PassReport.AlertOutcome;
import io.alertas.core.pass.PassReport.Delivery;
import io.alertas.core.pass.PassReport.Result;
import io.alertas.core.pass.PassReport.Status;
import io.alertas.core.pass.PassReport;
import io.alertas.spi.AlertContext;
import io.alertas.spi.DeliveryException;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import io.alertas.spi.Window;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One pass over the alerts: the seed's enrich_alerts_dict, send_alerts and update_throttle_period. */
final class Pass {

    private static final Logger LOG = LoggerFactory.getLogger(Pass.class);
    private static final String KEPT = " (kept; retried on the next pass)";

    private final PassContext context;
    private final State state;
    private final Instant now;
    private final Gate gate;
    private final List<AlertOutcome> outcomes = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Why the state could not be written after a delivery, or null: from then on nothing more is sent. */
    private String unwritable;
    /** Media that failed every attempt this pass: further notifications for them are queued, not tried. */
    private final Set<String> down = new HashSet<>();
    /** Said by the query threads: partial shard failures. */
    private final Queue<String> shardWarnings = new ConcurrentLinkedQueue<>();
    private final StateStore store;

    /** A pass; a dry run ({@code dryRun}) evaluates and reports what it would send, and records and sends nothing. */
    Pass(PassContext context, StateStore store, State state, boolean dryRun) {
        this.context = context;
        this.store = store;
        this.state = state;
        this.now = context.now();
        this.gate = dryRun ? new DryRun() : new Recording();
    }

    /**
     * Runs the pass. Before anything is queried or sent the state is written once: a state that cannot be
     * written would let every later pass send the same notifications again, so then nothing is done.
     *
     * @throws IOException when the state cannot be written at the start; nothing was queried or sent
     */
    PassReport run(Set<String> only) throws IOException {
        long started = System.nanoTime();
        warnings.addAll(state.warnings());
        List<Alert> selected = context.alerts().values().stream()
                .filter(a -> only.isEmpty() ? a.active() : only.contains(a.name()))
                .toList();
        gate.begin(selected, only);
        List<Evaluated> evaluated = evaluate(selected);
        warnings.addAll(shardWarnings);
        for (Evaluated e : evaluated) {
            outcomes.add(e.outcome());
            switch (e.outcome().status()) {
                case FAILED -> LOG.warn("alert \"{}\" failed: {}", e.alert().name(), e.outcome().error(), e.cause());
                case QUIET -> advance(e);
                case FIRED -> {
                    Evaluation evaluation = e.outcome().evaluation();
                    LOG.info("alert \"{}\" fired: {}", e.alert().name(), evaluation.message());
                    evaluation.findings().forEach(f ->
                            LOG.info("alert \"{}\" finding {}: {}", e.alert().name(), f.key(), f.text()));
                    notify(e.alert(), e.outcome());
                    advance(e);
                }
            }
        }
        gate.end();
        PassReport report = new PassReport(now, Duration.ofNanos(System.nanoTime() - started), outcomes, deliveries,
                warnings, Optional.ofNullable(unwritable));
        LOG.info(report.summary());
        return report;
    }

    /**
     * An alert's first window starts its checkpoint, written before anything is queried: if this pass
     * fails or dies, the next one reads from there instead of starting later and skipping this window.
     */
    private void startNewAlerts(List<Alert> selected) {
        for (Alert alert : selected) {
            if (state.checkpoint(alert.name()).isEmpty()) {
                state.checkpoint(alert.name(), context.window(alert, state).start());
            }
        }
    }

    private void advance(Evaluated e) {
        gate.advance(e.alert().name(), e.outcome().window().end(), e.outcome().evaluation().memory());
    }

    /** An alert with its outcome and, when it failed, the exception for the log. */
    private record Evaluated(Alert alert, AlertOutcome outcome, Throwable cause) {
    }

    private List<Evaluated> evaluate(List<Alert> selected) {
        if (selected.isEmpty()) {
            return List.of();
        }
        ExecutorService queries = Executors.newFixedThreadPool(Math.min(context.concurrency(), selected.size()),
                daemons("alertas-query"));
        ExecutorService evaluators = Executors.newCachedThreadPool(daemons("alertas-evaluator"));
        long deadline = System.nanoTime() + context.passTimeout().toNanos();
        try {
            Map<String, AlertContext> contexts = new HashMap<>();
            selected.forEach(alert -> contexts.put(alert.name(), context.about(alert, window(alert), state)));
            Map<String, CompletableFuture<JsonNode>> responses = new HashMap<>();
            List<Alert> searches = selected.stream().filter(Alert::isSearch).toList();
            int batch = context.cluster().searchBatch();
            for (int from = 0; from < searches.size(); from += batch) {
                List<Alert> part = searches.subList(from, Math.min(from + batch, searches.size()));
                List<ElasticsearchClient.Search> requests = part.stream().map(alert -> new ElasticsearchClient.Search(
                        alert.index(), alert.query().render(contexts.get(alert.name())))).toList();
                CompletableFuture<List<ElasticsearchClient.Answer>> answers =
                        CompletableFuture.supplyAsync(() -> msearch(requests), queries);
                for (int i = 0; i < part.size(); i++) {
                    Alert alert = part.get(i);
                    ElasticsearchClient.Search search = requests.get(i);
                    int item = i;
                    responses.put(alert.name(), answers.handle((list, failure) -> failure == null
                                    ? CompletableFuture.completedFuture(answer(alert, list.get(item)))
                                    : alone(alert, search, failure, part.size(), queries))
                            .thenCompose(response -> response));
                }
            }
            selected.stream().filter(alert -> !alert.isSearch()).forEach(alert -> responses.put(alert.name(),
                    CompletableFuture.supplyAsync(() -> request(alert, contexts.get(alert.name())), queries)));
            List<CompletableFuture<Evaluated>> futures = new ArrayList<>();
            for (Alert alert : selected) {
                AlertContext about = contexts.get(alert.name());
                Window window = about.window();
                long left = Math.max(0, deadline - System.nanoTime());
                futures.add(responses.get(alert.name())
                        .orTimeout(left, TimeUnit.NANOSECONDS)
                        .handle((response, failure) -> failure != null
                                ? CompletableFuture.completedFuture(unanswered(alert, window, failure))
                                : CompletableFuture.supplyAsync(() -> alert.evaluator().evaluate(response, about), evaluators)
                                        .orTimeout(context.evaluatorTimeout().toMillis(), TimeUnit.MILLISECONDS)
                                        .handle((evaluation, thrown) -> judged(alert, window, evaluation, thrown)))
                        .thenCompose(evaluated -> evaluated));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            queries.shutdownNow();
            evaluators.shutdownNow();
        }
    }

    /**
     * The answer to one search of a batch that failed as a whole. A failure that may come from one search
     * (a query Elasticsearch cannot parse, an answer too large to read, a timeout) is not every alert's:
     * each search of the batch is then sent on its own, so that it fails only its own alert.
     */
    private CompletableFuture<JsonNode> alone(Alert alert, ElasticsearchClient.Search search, Throwable failure,
            int batchSize, ExecutorService queries) {
        Throwable cause = unwrapped(failure);
        if (batchSize == 1 || !(cause instanceof ElasticsearchException e) || !e.ofTheRequest()) {
            return CompletableFuture.failedFuture(cause);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return checked(alert, context.cluster().search(search.index(), search.body()));
            } catch (ElasticsearchException single) {
                throw new CompletionException(single);
            }
        }, queries);
    }

    private Evaluated unanswered(Alert alert, Window window, Throwable failure) {
        Throwable cause = unwrapped(failure);
        String error;
        if (cause instanceof ElasticsearchException) {
            error = cause.getMessage();
        } else if (cause instanceof TimeoutException) {
            error = "no answer from Elasticsearch at " + context.cluster().displayUrl() + " within the pass's "
                    + context.passTimeout().toSeconds() + "s (pass_timeout)";
        } else {
            error = "its query could not be made: " + cause;
        }
        return new Evaluated(alert, new AlertOutcome(alert.name(), Status.FAILED, window, null, error), cause);
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The window of {@code alert} in this pass, saying so when an outage's catch-up was cut. */
    private Window window(Alert alert) {
        Window window = context.window(alert, state);
        if (window.start().equals(window.end().minus(alert.maxCatchup()))
                && state.checkpoint(alert.name()).filter(c -> c.isBefore(window.start())).isPresent()) {
            String warning = "alert \"" + alert.name() + "\": catch-up capped at max_catchup; events before "
                    + window.start() + " are not read";
            LOG.warn(warning);
            warnings.add(warning);
        }
        return window;
    }

    private List<ElasticsearchClient.Answer> msearch(List<ElasticsearchClient.Search> searches) {
        try {
            return context.cluster().msearch(searches);
        } catch (ElasticsearchException e) {
            throw new CompletionException(e);
        }
    }

    private JsonNode answer(Alert alert, ElasticsearchClient.Answer answer) {
        if (answer.failure() != null) {
            throw new CompletionException(answer.failure());
        }
        return checked(alert, answer.response());
    }

    private JsonNode request(Alert alert, AlertContext about) {
        try {
            return checked(alert, context.cluster().request(alert.method(), alert.path(), alert.query().render(about)));
        } catch (ElasticsearchException e) {
            throw new CompletionException(e);
        }
    }

    /** Says partial shard failures of a response; the results are evaluated all the same. */
    private JsonNode checked(Alert alert, JsonNode response) {
        JsonNode shards = response.path("_shards");
        if (shards.path("failed").asInt() > 0) {
            String warning = "alert \"" + alert.name() + "\": " + shards.path("failed").asInt() + " of "
                    + shards.path("total").asInt() + " shards failed ("
                    + shards.path("failures").path(0).path("reason").path("reason").asText("no reason given")
                    + "); it was evaluated on partial results";
            LOG.warn(warning);
            shardWarnings.add(warning);
        }
        return response;
    }

    private Evaluated judged(Alert alert, Window window, Evaluation evaluation, Throwable failure) {
        if (failure != null) {
            Throwable cause = unwrapped(failure);
            String error = cause instanceof TimeoutException
                    ? "evaluator did not finish within " + context.evaluatorTimeout().toMillis() + " ms"
                    : "evaluator threw " + cause;
            return new Evaluated(alert, new AlertOutcome(alert.name(), Status.FAILED, window, null, error), cause);
        }
        if (evaluation == null) {
            return new Evaluated(alert, new AlertOutcome(alert.name(), Status.FAILED, window, null,
                    "evaluator returned null; it must return Evaluation.quiet() or Evaluation.fire(...)"), null);
        }
        Status status = evaluation.fired() ? Status.FIRED : Status.QUIET;
        return new Evaluated(alert, new AlertOutcome(alert.name(), status, window, evaluation, null), null);
    }

    /**
     * Sends a fired alert to each of its media, per key, minding the throttle. Once the state could not be
     * written nothing more is sent, and since nothing more is written either, the next pass reads this
     * alert's window again.
     */
    private void notify(Alert alert, AlertOutcome outcome) {
        Evaluation evaluation = outcome.evaluation();
        boolean wholeAlert = evaluation.findings().isEmpty();
        for (String medium : alert.media()) {
            if (unwritable != null) {
                deliveries.add(new Delivery(alert.name(), medium, Result.FAILED, null, notSent()));
                continue;
            }
            List<String> candidates = wholeAlert ? List.of(State.wholeAlert())
                    : evaluation.findings().stream().map(Finding::key).toList();
            Set<String> released = releasable(alert.name(), medium, candidates, alert.throttlePeriod());
            List<String> keys = new ArrayList<>();
            List<Finding> fresh = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                if (released.contains(candidates.get(i))) {
                    keys.add(candidates.get(i));
                    if (!wholeAlert) {
                        fresh.add(evaluation.findings().get(i));
                    }
                }
            }
            if (keys.isEmpty()) {
                deliveries.add(new Delivery(alert.name(), medium, Result.THROTTLED, null, null));
                continue;
            }
            int suppressed = keys.stream().mapToInt(k -> state.suppressed(alert.name(), medium, k)).sum();
            Notification notification = Notification.builder(alert.name(), alert.severity(), evaluation.message(fresh),
                            outcome.window(), now)
                    .findings(fresh).suppressed(suppressed).cluster(context.cluster().displayUrl())
                    .link(context.discoverLink(outcome.window())).build();
            gate.send(alert.name(), medium, notification, evaluation.message(), keys);
        }
    }

    private String notSent() {
        return "not sent: the state could not be written (" + unwritable + "); the next pass tries again";
    }

    /**
     * The throttle's and the claim's one decision: which of {@code keys} go out on {@code medium} now. A key
     * still throttled there, or that another runner claimed, stays back and is counted as suppressed.
     */
    private Set<String> releasable(String alert, String medium, List<String> keys, Duration period) {
        List<String> open = keys.stream().filter(k -> !state.throttled(alert, medium, k, period, now)).toList();
        Set<String> granted = open.isEmpty() ? Set.of() : gate.claim(alert, medium, open, period);
        keys.stream().filter(k -> !granted.contains(k)).forEach(k -> gate.suppress(alert, medium, k));
        return granted;
    }

    /** Tries the notifications earlier passes could not deliver, oldest first. */
    private void retryUndelivered(Set<String> only) {
        for (State.Pending pending : List.copyOf(state.pending())) {
            if (!only.isEmpty() && !only.contains(pending.alert())) {
                continue;
            }
            Notification n = pending.notification();
            Alert alert = context.alerts().get(pending.alert());
            if (Duration.between(pending.firstFailedAt(), now).compareTo(context.keepUndelivered()) > 0) {
                drop(pending, "not delivered since " + pending.firstFailedAt() + " (" + pending.attempts()
                        + " attempts, last: " + pending.lastError() + "); given up");
                continue;
            }
            if (alert == null) {
                continue; // another runner's shard, or an alert no longer configured: kept until given up
            }
            if (!context.media().containsKey(pending.medium())) {
                drop(pending, "medium \"" + pending.medium() + "\" is no longer configured");
                continue;
            }
            List<String> keys = n.findings().isEmpty() ? List.of(State.wholeAlert())
                    : n.findings().stream().map(Finding::key).toList();
            Set<String> claimed = releasable(n.alert(), pending.medium(), keys, alert.throttlePeriod());
            if (claimed.isEmpty()) {
                state.dequeue(pending);
                deliveries.add(new Delivery(n.alert(), pending.medium(), Result.THROTTLED, null, null));
                continue;
            }
            Notification told = n;
            if (claimed.size() < keys.size()) {
                // some of its findings were delivered since: it is told again without them
                List<Finding> left = n.findings().stream().filter(f -> claimed.contains(f.key())).toList();
                told = n.toBuilder().message(Evaluation.naming(pending.summary(), left)).findings(left).build();
            }
            send(n.alert(), pending.medium(), told, pending.summary(), List.copyOf(claimed), pending);
        }
    }

    private void drop(State.Pending pending, String why) {
        state.dequeue(pending);
        LOG.error("notification of alert \"{}\" to {} dropped: {}", pending.alert(), pending.medium(), why);
        deliveries.add(new Delivery(pending.alert(), pending.medium(), Result.DROPPED, pending.notification(), why));
    }

    /** Delivers; on success throttles the keys, on failure keeps the notification for the next pass. */
    private void send(String alert, String mediumName, Notification notification, String summary, List<String> keys,
            State.Pending earlier) {
        Medium medium = context.media().get(mediumName);
        if (unwritable != null) {
            release(alert, mediumName, keys);
            deliveries.add(new Delivery(alert, mediumName, Result.FAILED, notification, notSent()));
            return;
        }
        try {
            if (down.contains(mediumName)) {
                throw new DeliveryException(mediumName + " already failed in this pass", false);
            }
            context.deliveries().run(() -> {
                medium.deliver(notification);
                return null;
            }, DeliveryException::retryable, DeliveryException::retryAfter);
            keys.forEach(k -> state.delivered(alert, mediumName, k, now));
            if (earlier != null) {
                state.dequeue(earlier);
            }
            save();
            LOG.info("alert \"{}\" delivered to {}", alert, mediumName);
            deliveries.add(new Delivery(alert, mediumName, Result.DELIVERED, notification, null));
        } catch (DeliveryException e) {
            down.add(mediumName);
            release(alert, mediumName, keys);
            LOG.warn("alert \"{}\" not delivered to {}: {}", alert, mediumName, e.getMessage());
            if (earlier != null) {
                state.dequeue(earlier);
                state.queue(new State.Pending(mediumName, notification, summary, earlier.firstFailedAt(),
                        earlier.attempts() + 1, e.getMessage()));
            } else {
                state.queue(new State.Pending(mediumName, notification, summary, now, 1, e.getMessage()));
            }
            deliveries.add(new Delivery(alert, mediumName, Result.FAILED, notification, e.getMessage() + KEPT));
        } catch (RuntimeException e) {
            down.add(mediumName);
            release(alert, mediumName, keys);
            LOG.error("medium {} threw while delivering alert \"{}\"", mediumName, alert, e);
            state.queue(new State.Pending(mediumName, notification, summary, earlier == null ? now : earlier.firstFailedAt(),
                    earlier == null ? 1 : earlier.attempts() + 1, "medium threw " + e.getClass().getSimpleName()));
            if (earlier != null) {
                state.dequeue(earlier);
            }
            deliveries.add(new Delivery(alert, mediumName, Result.FAILED, notification,
                    "medium threw " + e.getClass().getSimpleName() + KEPT));
        }
    }

    private void release(String alert, String medium, List<String> keys) {
        try {
            store.release(alert, medium, keys);
        } catch (IOException e) {
            LOG.error("could not give back the claim of alert \"{}\" on {}; it stays throttled there", alert, medium, e);
        }
    }

    /**
     * Writes the state; also after each delivery, so that a crash later in the pass cannot repeat it. When
     * it cannot be written, the pass sends nothing more: what it could not record it would send again.
     */
    private void save() {
        try {
            store.save(state);
        } catch (IOException e) {
            unwritable = e.getMessage();
            LOG.error("the state could not be written; nothing more is sent in this pass", e);
        }
    }

    /**
     * Where a real pass and a dry run part: a real pass starts and moves checkpoints, claims, counts what the
     * throttle held back, sends and writes the state; a dry run does none of it and reports what it would send.
     */
    private interface Gate {
        /** Before the queries: for a real pass, new checkpoints, the state written once, earlier undelivered notifications. */
        void begin(List<Alert> selected, Set<String> only) throws IOException;

        /** Moves the alert's checkpoint to {@code to}, and with it what the evaluator remembers, if it said. */
        void advance(String alert, Instant to, Optional<JsonNode> memory);

        Set<String> claim(String alert, String medium, List<String> keys, Duration period);

        void suppress(String alert, String medium, String key);

        void send(String alert, String medium, Notification notification, String summary, List<String> keys);

        void end();
    }

    private final class Recording implements Gate {
        @Override
        public void begin(List<Alert> selected, Set<String> only) throws IOException {
            startNewAlerts(selected);
            store.save(state);
            retryUndelivered(only);
        }

        @Override
        public void advance(String alert, Instant to, Optional<JsonNode> memory) {
            state.checkpoint(alert, to);
            memory.ifPresent(m -> state.memory(alert, m));
        }

        /** The keys this runner may deliver; if the store cannot say, all of them: a repeat beats a loss. */
        @Override
        public Set<String> claim(String alert, String medium, List<String> keys, Duration period) {
            try {
                return store.claim(state, alert, medium, keys, period, now);
            } catch (IOException e) {
                LOG.warn("could not claim the delivery of alert \"{}\" to {}; delivering anyway", alert, medium, e);
                return Set.copyOf(keys);
            }
        }

        @Override
        public void suppress(String alert, String medium, String key) {
            state.suppress(alert, medium, key);
        }

        @Override
        public void send(String alert, String medium, Notification notification, String summary, List<String> keys) {
            Pass.this.send(alert, medium, notification, summary, keys, null);
        }

        @Override
        public void end() {
            if (unwritable == null) {
                save();
            }
        }
    }

    private final class DryRun implements Gate {
        @Override
        public void begin(List<Alert> selected, Set<String> only) {
        }

        @Override
        public void advance(String alert, Instant to, Optional<JsonNode> memory) {
        }

        @Override
        public Set<String> claim(String alert, String medium, List<String> keys, Duration period) {
            return Set.copyOf(keys);
        }

        @Override
        public void suppress(String alert, String medium, String key) {
        }

        @Override
        public void send(String alert, String medium, Notification notification, String summary, List<String> keys) {
            deliveries.add(new Delivery(alert, medium, Result.DRY_RUN, notification, null));
        }

        @Override
        public void end() {
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
