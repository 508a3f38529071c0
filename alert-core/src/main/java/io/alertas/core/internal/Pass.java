package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.core.internal.state.Silence;
import io.alertas.core.internal.state.State;
import io.alertas.core.internal.state.StateStore;
import io.alertas.core.internal.templates.MediumTemplates;
import io.alertas.core.pass.PassReport.AlertOutcome;
import io.alertas.core.pass.PassReport.Delivery;
import io.alertas.core.pass.PassReport.Result;
import io.alertas.core.pass.PassReport.Status;
import io.alertas.core.pass.PassReport;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/** One pass over the alerts: the seed's enrich_alerts_dict, send_alerts and update_throttle_period. */
final class Pass {

    private static final Logger LOG = LoggerFactory.getLogger(Pass.class);

    private final PassContext context;
    private final State state;
    private final Instant now;
    private final Gate gate;
    private final List<AlertOutcome> outcomes = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final AlertBoundary boundary = new AlertBoundary();
    /** Why the state could not be written after a delivery, or null: from then on nothing more is sent. */
    private String unwritable;
    /** Hands the notifications to the media within the pass's deadline. */
    private final Sending sending;
    /** Said by the query and evaluation threads: partial shard failures, keys an alert fired past its budget. */
    private final Queue<String> shardWarnings = new ConcurrentLinkedQueue<>();
    private final StateStore store;
    /** Answers fetched before the pass for some of its searches (a backtest's batches), by search. */
    private final Map<ElasticsearchClient.Search, ElasticsearchClient.Answer> answered;

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
        this.store = store;
        this.state = state;
        this.now = context.now();
        this.answered = answered;
        this.sending = new Sending(context);
        this.gate = switch (mode) {
            case LIVE -> new Recording();
            case DRY_RUN -> new DryRun();
            case REPLAY -> new Replay();
        };
    }

    /**
     * Runs the pass. Before anything is queried or sent the state is written once: a state that cannot be
     * written would let every later pass send the same notifications again, so then nothing is done.
     *
     * @throws IOException when the state cannot be written at the start; nothing was queried or sent
     */
    PassReport run(Set<String> only) throws IOException {
        long started = System.nanoTime();
        List<Alert> selected = context.alerts().values().stream()
                .filter(a -> only.isEmpty() ? a.active() : only.contains(a.name()))
                .toList();
        endSilences();
        gate.begin(selected, only);
        List<Evaluated> evaluated = evaluate(selected);
        warnings.addAll(shardWarnings);
        for (Evaluated e : evaluated) {
            Alert alert = e.alert();
            boundary.run(alert, e.outcome().window(), "its outcome", () -> conclude(e));
            Evaluated done = boundary.failure(alert).orElse(e);
            outcomes.add(done.outcome());
            state.ran(alert.name(), now, done.outcome().status() == Status.FIRED, done.outcome().error());
            if (done.outcome().status() == Status.FAILED) {
                gate.log().warn("alert \"{}\" failed: {}", alert.name(), done.outcome().error(), done.cause());
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        recordPass(took);
        gate.end();
        warnings.addAll(0, state.warnings());
        PassReport report = new PassReport(now, took, outcomes, deliveries, warnings, notices,
                Optional.ofNullable(unwritable), state.setAside());
        gate.log().info(report.summary());
        return report;
    }

    /** Follows a quiet alert's episodes, or sends what a firing one may send; then moves its window on. */
    private void conclude(Evaluated e) {
        Alert alert = e.alert();
        Evaluation evaluation = e.outcome().evaluation();
        if (e.outcome().status() == Status.QUIET) {
            follow(alert, e.outcome(), List.of());
        } else if (e.outcome().status() == Status.FIRED) {
            gate.log().info("alert \"{}\" fired: {}", alert.name(), evaluation.message());
            evaluation.findings().forEach(f -> gate.log().info("alert \"{}\" finding {}: {}", alert.name(), f.key(), f.text()));
            notify(alert, e.outcome(), follow(alert, e.outcome(), keys(evaluation.findings())));
        }
        if (e.outcome().status() != Status.FAILED) {
            advance(e);
        }
    }

    /** The throttle's keys of a firing: each finding's key, or the whole alert's when it reports none. */
    private static List<String> keys(List<Finding> findings) {
        return findings.isEmpty() ? List.of(State.wholeAlert()) : findings.stream().map(Finding::key).distinct().toList();
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
                notices.add(notice);
            }
        }
    }

    /** Keeps this runner's record of passes: when, how long, whether it succeeded, and the counts. */
    private void recordPass(Duration took) {
        boolean succeeded = unwritable == null && outcomes.stream().noneMatch(o -> o.status() == Status.FAILED)
                && deliveries.stream().noneMatch(d -> d.result() == Result.FAILED || d.result() == Result.DROPPED);
        State.PassRecord last = state.passes().get(context.runner());
        long passes = last == null ? 0 : last.passes();
        long failed = last == null ? 0 : last.failed();
        Instant lastSuccess = succeeded ? now : last == null ? null : last.lastSuccess();
        state.passed(new State.PassRecord(context.runner(), now, took, succeeded, lastSuccess, passes + 1,
                failed + (succeeded ? 0 : 1)));
    }

    /**
     * Follows the episodes of an alert that keeps them, after a window in which {@code fired} keys fired:
     * each firing key's run grows, each other key's run of quiet windows grows, and a told key quiet for
     * {@code resolve_after} windows is resolved on the media told of it. Returns the keys that may be sent:
     * those that fired in {@code fire_after} windows in a row (all of {@code fired} for other alerts).
     */
    private Set<String> follow(Alert alert, AlertOutcome outcome, List<String> fired) {
        if (!alert.keepsEpisodes()) {
            return Set.copyOf(fired);
        }
        Map<String, State.Episode> before = Map.copyOf(state.episodes(alert.name()));
        Set<String> due = new HashSet<>();
        for (String key : fired) {
            State.Episode episode = before.get(key);
            int firing = episode == null ? 1 : episode.firing() + 1;
            state.episode(alert.name(), key, new State.Episode(firing, 0, now, episode == null ? Set.of() : episode.told()));
            if (firing >= alert.fireAfter()) {
                due.add(key);
            }
        }
        Map<String, List<String>> resolved = new TreeMap<>();
        Map<String, Instant> lastFired = new TreeMap<>();
        before.forEach((key, episode) -> {
            if (fired.contains(key)) {
                return;
            }
            int quiet = episode.quiet() + 1;
            if (episode.told().isEmpty()) {
                state.episode(alert.name(), key, null);   // never told: a later firing starts its delay again
            } else if (alert.resolveAfter() > 0 && quiet >= alert.resolveAfter()) {
                state.episode(alert.name(), key, null);
                lastFired.put(key, episode.lastFired());
                episode.told().stream().filter(context.media()::containsKey)
                        .forEach(medium -> resolved.computeIfAbsent(medium, m -> new ArrayList<>()).add(key));
            } else {
                state.episode(alert.name(), key, new State.Episode(0, quiet, episode.lastFired(), episode.told()));
            }
        });
        resolved.forEach((medium, keys) -> gate.send(alert.name(), medium,
                resolution(alert, outcome.window(), keys, lastFired), resolvedSummary(alert), keys));
        return due;
    }

    private static String resolvedSummary(Alert alert) {
        return "no longer firing: quiet for " + alert.resolveAfter() + (alert.resolveAfter() == 1 ? " window" : " windows");
    }

    /** The resolved notification of {@code keys}, each a finding that says when it last fired. */
    private Notification resolution(Alert alert, Window window, List<String> keys, Map<String, Instant> lastFired) {
        List<Finding> findings = keys.stream().filter(k -> !k.equals(State.wholeAlert()))
                .map(k -> Finding.of(k, "last fired at " + lastFired.get(k))).toList();
        String message = findings.isEmpty()
                ? resolvedSummary(alert) + " since it last fired at " + lastFired.get(State.wholeAlert())
                : Evaluation.naming(resolvedSummary(alert), findings);
        return Notification.builder(alert.name(), alert.severity(), message, window, now).findings(findings)
                .cluster(context.cluster().displayUrl()).link(context.discoverLink(window)).resolved(true).build();
    }

    /**
     * An alert's first window starts its checkpoint, written before anything is queried: if this pass
     * fails or dies, the next one reads from there instead of starting later and skipping this window.
     */
    private void startNewAlerts(List<Alert> selected) {
        for (Alert alert : selected) {
            if (state.checkpoint(alert.name()).isEmpty()) {
                boundary.run(alert, null, "its first window", () -> state.checkpoint(alert.name(), context.window(alert, state).start()));
            }
        }
    }

    private void advance(Evaluated e) {
        gate.advance(e.alert().name(), e.outcome().window().end(), e.outcome().evaluation().memory());
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
            selected.forEach(alert -> boundary.attempt(alert, null, "its window", () -> context.about(alert, window(alert), state))
                    .ifPresent(about -> contexts.put(alert.name(), about)));
            Map<String, CompletableFuture<JsonNode>> responses = new HashMap<>();
            Map<Alert, ElasticsearchClient.Answer> known = new HashMap<>();
            Map<String, ElasticsearchClient.Search> bodies = new HashMap<>();
            List<Alert> searches = new ArrayList<>();
            for (Alert alert : selected.stream().filter(a -> a.isSearch() && contexts.containsKey(a.name())).toList()) {
                AlertContext about = contexts.get(alert.name());
                Optional<JsonNode> body = boundary.attempt(alert, about.window(), "its query", () -> alert.query().render(about));
                if (body.isEmpty()) {
                    continue;
                }
                ElasticsearchClient.Search search = new ElasticsearchClient.Search(alert.index(), body.get());
                ElasticsearchClient.Answer answer = answered.get(search);
                if (answer != null) {
                    known.put(alert, answer);
                } else {
                    bodies.put(alert.name(), search);
                    searches.add(alert);
                }
            }
            int batch = context.cluster().searchBatch();
            for (int from = 0; from < searches.size(); from += batch) {
                List<Alert> part = searches.subList(from, Math.min(from + batch, searches.size()));
                List<ElasticsearchClient.Search> requests = part.stream().map(alert -> bodies.get(alert.name())).toList();
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
            known.forEach((alert, answer) -> responses.put(alert.name(),
                    CompletableFuture.completedFuture(answer).thenApply(a -> answer(alert, a))));
            selected.stream().filter(a -> !a.isSearch() && contexts.containsKey(a.name())).forEach(alert -> responses.put(alert.name(),
                    CompletableFuture.supplyAsync(() -> request(alert, contexts.get(alert.name())), queries)));
            List<CompletableFuture<Evaluated>> futures = new ArrayList<>();
            for (Alert alert : selected) {
                if (boundary.failure(alert).isPresent()) {
                    futures.add(CompletableFuture.completedFuture(boundary.failure(alert).get()));
                    continue;
                }
                AlertContext about = contexts.get(alert.name());
                Window window = about.window();
                long left = Math.max(0, deadline - System.nanoTime());
                futures.add(responses.get(alert.name())
                        .orTimeout(left, TimeUnit.NANOSECONDS)
                        .handle((response, failure) -> failure != null
                                ? CompletableFuture.completedFuture(unanswered(alert, window, failure))
                                : CompletableFuture.supplyAsync(() -> context.timings().time(Timings.Phase.EVALUATION,
                                                () -> alert.evaluator().evaluate(response, about)), evaluators)
                                        .orTimeout(context.evaluatorTimeout().toMillis(), TimeUnit.MILLISECONDS)
                                        .handle((evaluation, thrown) -> Evaluated.judged(alert, window,
                                                context.mask().keys(FiredKeys.capped(alert.name(), evaluation, shardWarnings::add)),
                                                thrown, context.evaluatorTimeout())))
                        .thenCompose(evaluated -> evaluated));
            }
            // The answers are held from here on only by the evaluations waiting for them, so each is freed once
            // its alert is evaluated: a pass of thousands of alerts never holds every answer at once.
            responses.clear();
            known.clear();
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
        Throwable cause = Evaluated.unwrapped(failure);
        if (batchSize == 1 || !(cause instanceof ElasticsearchException e) || !e.ofTheRequest()) {
            return CompletableFuture.failedFuture(cause);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return checked(alert, context.timings().time(Timings.Phase.QUERIES,
                        () -> context.cluster().search(search.index(), search.body())));
            } catch (ElasticsearchException single) {
                throw new CompletionException(single);
            }
        }, queries);
    }

    private Evaluated unanswered(Alert alert, Window window, Throwable failure) {
        Throwable cause = Evaluated.unwrapped(failure);
        String error;
        if (cause instanceof ElasticsearchException) {
            error = cause.getMessage();
        } else if (cause instanceof TimeoutException) {
            error = "no answer from Elasticsearch at " + context.cluster().displayUrl() + " within the pass's "
                    + context.passTimeout().toSeconds() + "s (pass_timeout)";
        } else {
            error = "its query could not be made: " + cause;
        }
        return Evaluated.failed(alert, window, error, cause);
    }

    /** The window of {@code alert} in this pass, saying so when an outage's catch-up was cut. */
    private Window window(Alert alert) {
        Window window = context.window(alert, state);
        if (window.start().equals(window.end().minus(alert.maxCatchup()))
                && state.checkpoint(alert.name()).filter(c -> c.isBefore(window.start())).isPresent()) {
            String warning = "alert \"" + alert.name() + "\": catch-up capped at max_catchup; events before "
                    + window.start() + " are not read";
            gate.log().warn(warning);
            warnings.add(warning);
        }
        return window;
    }

    private List<ElasticsearchClient.Answer> msearch(List<ElasticsearchClient.Search> searches) {
        try {
            return context.timings().time(Timings.Phase.QUERIES, () -> context.cluster().msearch(searches));
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
            JsonNode body = alert.query().render(about);
            return checked(alert, context.timings().time(Timings.Phase.QUERIES,
                    () -> context.cluster().request(alert.method(), alert.path(), body)));
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
            gate.log().warn(warning);
            shardWarnings.add(warning);
        }
        return response;
    }

    /**
     * Sends a fired alert to each of its media, per key, minding the throttle. Once the state could not be
     * written nothing more is sent, and since nothing more is written either, the next pass reads this
     * alert's window again.
     */
    private void notify(Alert alert, AlertOutcome outcome, Set<String> due) {
        Evaluation evaluation = outcome.evaluation();
        List<String> candidates = new ArrayList<>();
        int delayed = 0;
        int silenced = 0;
        for (String key : keys(evaluation.findings())) {
            Optional<Silence> silence = state.silencing(alert.name(), key, now);
            if (!due.contains(key)) {
                delayed++;
            } else if (silence.isPresent()) {
                Silence s = silence.get();
                state.silence(new Silence(s.id(), s.alert(), s.key(), s.from(), s.until(), s.reason(),
                        s.muted() == Integer.MAX_VALUE ? s.muted() : s.muted() + 1));
                silenced++;
            } else {
                candidates.add(key);
            }
        }
        for (String medium : alert.media()) {
            if (delayed > 0) {
                deliveries.add(new Delivery(alert.name(), medium, Result.DELAYED, null, null));
            }
            if (silenced > 0) {
                deliveries.add(new Delivery(alert.name(), medium, Result.SILENCED, null, null));
            }
            if (candidates.isEmpty()) {
                continue;
            }
            if (unwritable != null) {
                deliveries.add(new Delivery(alert.name(), medium, Result.FAILED, null, notSent()));
                continue;
            }
            Set<String> released = releasable(alert.name(), medium, candidates, alert.throttlePeriod());
            List<String> keys = candidates.stream().filter(released::contains).toList();
            List<Finding> fresh = evaluation.findings().stream().filter(f -> released.contains(f.key())).toList();
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

    /**
     * Tries the notifications earlier passes could not deliver, oldest first, without the findings their
     * medium already accepted; one whose receiver asked to wait is kept until then.
     */
    private void retryUndelivered(Set<String> only) {
        for (State.Pending pending : List.copyOf(state.pending())) {
            if (!only.isEmpty() && !only.contains(pending.alert())) {
                continue;
            }
            Notification n = pending.notification();
            Alert alert = context.alerts().get(pending.alert());
            if (Duration.between(pending.firstFailedAt(), now).compareTo(context.keepUndelivered()) > 0) {
                drop(pending.alert(), pending.medium(), n, pending, "not delivered since " + pending.firstFailedAt() + " ("
                        + pending.attempts() + " attempts, last: " + pending.lastError() + "); given up");
                continue;
            }
            if (alert == null || pending.notBefore() != null && now.isBefore(pending.notBefore())) {
                continue; // another runner's shard, an alert no longer configured, or a receiver that asked to wait
            }
            if (!context.media().containsKey(pending.medium())) {
                drop(pending.alert(), pending.medium(), n, pending, "medium \"" + pending.medium() + "\" is no longer configured");
                continue;
            }
            List<String> keys = keys(n.findings()).stream().filter(k -> !pending.accepted().contains(k)).toList();
            if (n.resolved()) {
                send(n.alert(), pending.medium(), Sending.without(n, pending.summary(), pending.accepted()),
                        pending.summary(), keys, pending);
                continue;
            }
            Set<String> claimed = releasable(n.alert(), pending.medium(), keys, alert.throttlePeriod());
            if (claimed.isEmpty()) {
                state.dequeue(pending);
                deliveries.add(new Delivery(n.alert(), pending.medium(), Result.THROTTLED, null, null));
                continue;
            }
            // findings accepted before, or delivered since, are not told again
            Set<String> gone = keys(n.findings()).stream().filter(k -> !claimed.contains(k)).collect(Collectors.toSet());
            send(n.alert(), pending.medium(), Sending.without(n, pending.summary(), gone), pending.summary(),
                    List.copyOf(claimed), pending);
        }
    }

    /** Gives up on a notification, saying why in the log and the summary; {@code earlier} (if any) leaves the queue. */
    private void drop(String alert, String medium, Notification notification, State.Pending earlier, String why) {
        if (earlier != null) {
            state.dequeue(earlier);
        }
        LOG.error("notification of alert \"{}\" to {} dropped: {}", alert, medium, why);
        deliveries.add(new Delivery(alert, medium, Result.DROPPED, notification, why));
    }

    /**
     * Delivers; a delivery throttles its keys; a failure keeps the notification for a later pass, with the
     * findings the medium accepted before it failed; a refusal drops it.
     */
    private void send(String alert, String mediumName, Notification notification, String summary, List<String> keys,
            State.Pending earlier) {
        if (unwritable != null) {
            releaseClaim(alert, mediumName, notification, keys);
            deliveries.add(new Delivery(alert, mediumName, Result.FAILED, notification, notSent()));
            return;
        }
        Sending.Outcome outcome = sending.deliver(mediumName, context.media().get(mediumName), notification, summary,
                told -> templated(alert, mediumName, told));
        List<String> took = outcome.result() == Sending.Result.DELIVERED ? keys
                : keys.stream().filter(outcome.accepted()::contains).toList();
        releaseClaim(alert, mediumName, notification, keys.stream().filter(k -> !took.contains(k)).toList());
        delivered(alert, mediumName, notification, took);
        if (earlier != null) {
            state.dequeue(earlier);
        }
        switch (outcome.result()) {
            case DELIVERED -> {
                LOG.info("alert \"{}\" delivered to {}", alert, mediumName);
                deliveries.add(new Delivery(alert, mediumName, Result.DELIVERED, notification, null));
            }
            case REFUSED -> drop(alert, mediumName, notification, null, outcome.why(took.size(), keys.size()));
            case KEPT -> {
                String why = outcome.why(took.size(), keys.size());
                LOG.warn("alert \"{}\" not delivered to {}: {}", alert, mediumName, why);
                Instant first = earlier == null ? now : earlier.firstFailedAt();
                state.queue(new State.Pending(mediumName, notification, summary, first, earlier == null ? 1 : earlier.attempts() + 1,
                        outcome.error(), Set.copyOf(took), sending.retryFrom(outcome, first)));
                deliveries.add(new Delivery(alert, mediumName, Result.FAILED, notification, why + outcome.kept()));
            }
        }
        if (!took.isEmpty()) {
            saveDelivery(alert, mediumName, took);
        }
    }

    /** {@code notification} with the title and body that the alert's templates give it for {@code medium}, if any. */
    private Notification templated(String alert, String medium, Notification notification) {
        Alert configured = context.alerts().get(alert);
        MediumTemplates templates = configured == null ? null : configured.templates().get(medium);
        return templates == null ? notification : templates.apply(notification);
    }

    /**
     * Records a delivery: a firing throttles its keys and, for an alert with {@code resolve_after}, makes the
     * medium one that its resolution goes to; a resolution lifts the throttle, so a new firing is told at once.
     */
    private void delivered(String alert, String medium, Notification notification, List<String> keys) {
        boolean followed = context.alerts().containsKey(alert) && context.alerts().get(alert).resolveAfter() > 0;
        for (String key : keys) {
            if (notification.resolved()) {
                state.unthrottle(alert, medium, key);
                continue;
            }
            state.delivered(alert, medium, key, now);
            State.Episode episode = state.episodes(alert).get(key);
            if (followed && episode != null && !episode.told().contains(medium)) {
                Set<String> told = new HashSet<>(episode.told());
                told.add(medium);
                state.episode(alert, key, new State.Episode(episode.firing(), episode.quiet(), episode.lastFired(), told));
            }
        }
    }

    /** Gives back the claim a firing's delivery made; a resolution claims nothing. */
    private void releaseClaim(String alert, String medium, Notification notification, List<String> keys) {
        if (!notification.resolved()) {
            release(alert, medium, keys);
        }
    }

    private void release(String alert, String medium, List<String> keys) {
        try {
            store.release(alert, medium, keys);
        } catch (IOException e) {
            LOG.error("could not give back the claim of alert \"{}\" on {}; it stays throttled there", alert, medium, e);
        }
    }

    /** Writes the state at the end of a pass. */
    private void save() {
        write(() -> store.save(state));
    }

    /**
     * Records a delivery before the next is sent, so that a crash later in the pass cannot repeat it. When it
     * cannot be recorded, the pass sends nothing more: what it could not record it would send again.
     */
    private void saveDelivery(String alert, String medium, List<String> keys) {
        write(() -> store.saveDelivery(state, alert, medium, keys));
    }

    /** A write to the state store. */
    private interface StateWrite {
        void run() throws IOException;
    }

    /** Runs {@code write}, counting its time to the state writes. */
    private void timed(StateWrite write) throws IOException {
        context.timings().time(Timings.Phase.STATE_WRITES, () -> {
            write.run();
            return null;
        });
    }

    private void write(StateWrite write) {
        try {
            timed(write);
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

        /** Where the pass says what it does: the log, or nowhere for a backtest's windows. */
        default Logger log() {
            return LOG;
        }
    }

    private class Recording implements Gate {
        @Override
        public void begin(List<Alert> selected, Set<String> only) throws IOException {
            startNewAlerts(selected);
            timed(() -> store.save(state));
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
            deliveries.add(new Delivery(alert, medium, Result.DRY_RUN, templated(alert, medium, notification), null));
        }

        @Override
        public void end() {
        }
    }

    /**
     * A backtest's window: it moves checkpoints and counts what the throttle held back as a live pass does,
     * in the backtest's own state; it claims every key, and what it would send counts as delivered.
     */
    private final class Replay extends Recording {
        @Override
        public void begin(List<Alert> selected, Set<String> only) {
        }

        @Override
        public Set<String> claim(String alert, String medium, List<String> keys, Duration period) {
            return Set.copyOf(keys);
        }

        @Override
        public void send(String alert, String medium, Notification notification, String summary, List<String> keys) {
            delivered(alert, medium, notification, keys);
            deliveries.add(new Delivery(alert, medium, Result.DRY_RUN, templated(alert, medium, notification), null));
        }

        @Override
        public void end() {
        }

        @Override
        public Logger log() {
            return NOPLogger.NOP_LOGGER;
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
