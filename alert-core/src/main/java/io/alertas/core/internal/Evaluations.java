package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.core.internal.state.State;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Window;
import io.alertas.core.pass.PassReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * How a pass runs its alerts' evaluators: each alert's window and context, its response asked for through
 * {@link Searches} (at most {@code concurrency} requests at a time), then its evaluator on its own thread
 * within {@code evaluator_timeout}, all within the pass's {@code pass_timeout}; an alert that fails does so
 * alone, as an {@link Evaluated} that says why.
 */
final class Evaluations {

    private final PassContext context;
    private final State state;
    private final AlertBoundary boundary;
    private final PassLedger ledger;
    private final Logger log;
    private final Searches searches;

    Evaluations(PassContext context, State state, AlertBoundary boundary, PassLedger ledger, Logger log,
            Searches searches) {
        this.context = context;
        this.state = state;
        this.boundary = boundary;
        this.ledger = ledger;
        this.log = log;
        this.searches = searches;
    }

    /**
     * Hands each of {@code selected}, evaluated or failed, to {@code each} in their order, as soon as it is (waiting
     * for it through {@code await}): the pass concludes (and delivers) the first alerts while the later ones are
     * still searched and evaluated.
     */
    void run(List<Alert> selected, Function<CompletableFuture<Evaluated>, Evaluated> await, Consumer<Evaluated> each) {
        if (selected.isEmpty()) {
            return;
        }
        ExecutorService queries = Executors.newFixedThreadPool(Math.min(context.concurrency(), selected.size()),
                daemons("alertas-query"));
        ExecutorService evaluators = Executors.newCachedThreadPool(daemons("alertas-evaluator"));
        long deadline = System.nanoTime() + context.passTimeout().toNanos();
        try {
            Map<String, AlertContext> contexts = new HashMap<>();
            selected.forEach(alert -> boundary.attempt(alert, null, "its window", () -> context.about(alert, window(alert), state))
                    .ifPresent(about -> contexts.put(alert.name(), about)));
            Map<String, CompletableFuture<JsonNode>> responses = searches.send(selected, contexts, queries);
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
                                                context.mask().keys(FiredKeys.capped(alert.name(), evaluation, ledger::warn)),
                                                thrown, context.evaluatorTimeout())))
                        .thenCompose(evaluated -> evaluated));
            }
            // The answers are held from here on only by the evaluations waiting for them, so each is freed once
            // its alert is evaluated: a pass of thousands of alerts never holds every answer at once.
            responses.clear();
            futures.forEach(future -> each.accept(await.apply(future)));
        } finally {
            queries.shutdownNow();
            evaluators.shutdownNow();
        }
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
        if (window.start().equals(window.end().minus(context.longestWindow(alert, state)))
                && state.checkpoint(alert.name()).filter(c -> c.isBefore(window.start())).isPresent()) {
            String warning = "alert \"" + alert.name() + "\": catch-up capped at max_catchup; events before "
                    + window.start() + " are not read";
            log.warn(PassReport.LOGGED_AND_REPORTED, warning);
            ledger.warn(warning);
        }
        return window;
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
