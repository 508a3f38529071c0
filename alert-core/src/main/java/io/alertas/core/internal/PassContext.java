package io.alertas.core.internal;

import static java.util.Objects.requireNonNull;

import io.alertas.core.internal.backoff.Backoff;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.core.internal.operations.MaintenanceWindow;
import io.alertas.core.internal.state.State;
import io.alertas.core.internal.state.StateMask;
import io.alertas.core.internal.templates.MediumTemplates;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import io.alertas.spi.SearchException;
import io.alertas.spi.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one pass works with, fixed when it starts: the cluster, the alerts (this runner's shard of them), the
 * maintenance windows that any alert of the configuration names (by name), the media, the limits, how
 * deliveries are retried, the name of this runner (its host) in the state's record of passes, and the instant
 * every time decision is made as of, where the pass counts its time, and how the state keeps a finding's key
 * that quotes a secret.
 */
record PassContext(
        ElasticsearchClient cluster,
        Map<String, Alert> alerts,
        Map<String, MaintenanceWindow> windows,
        Map<String, Medium> media,
        int concurrency,
        Duration evaluatorTimeout,
        Duration passTimeout,
        Backoff deliveries,
        Duration keepUndelivered,
        String kibana,
        String runner,
        Instant now,
        Timings timings,
        StateMask mask) {

    /** The first window of an alert that has never run. */
    static final Duration FIRST_WINDOW = Duration.ofMinutes(1);

    PassContext {
        requireNonNull(cluster, "cluster is null");
        alerts = Collections.unmodifiableMap(new LinkedHashMap<>(alerts));
        windows = Map.copyOf(windows);
        media = Collections.unmodifiableMap(new LinkedHashMap<>(media));
        requireNonNull(evaluatorTimeout, "evaluatorTimeout is null");
        requireNonNull(passTimeout, "passTimeout is null");
        requireNonNull(deliveries, "deliveries is null");
        requireNonNull(keepUndelivered, "keepUndelivered is null");
        kibana = kibana.replaceAll("/+$", "");
        requireNonNull(runner, "runner is null");
        requireNonNull(now, "now is null");
        requireNonNull(timings, "timings is null");
        requireNonNull(mask, "mask is null");
    }

    /**
     * The window this pass reads for {@code alert}: from its checkpoint (or one minute back, the first time)
     * to now less the query delay, no longer than its {@link #longestWindow}.
     */
    Window window(Alert alert, State state) {
        Instant end = now.minus(alert.queryDelay());
        Instant start = state.checkpoint(alert.name()).orElse(end.minus(FIRST_WINDOW));
        if (start.isAfter(end)) {
            start = end;
        }
        Duration longest = longestWindow(alert, state);
        if (Duration.between(start, end).compareTo(longest) > 0) {
            start = end.minus(longest);
        }
        return Window.of(start, end);
    }

    /**
     * How far back {@code alert} reads at most in this pass: its max_catchup beyond the span its schedule leaves
     * between its last run and the next boundary (none for an alert run every pass), so that a daily alert
     * reads its whole day and, after an outage, up to max_catchup more.
     */
    Duration longestWindow(Alert alert, State state) {
        State.Activity last = state.activity().get(alert.name());
        return alert.maxCatchup().plus(last == null ? Duration.ZERO : alert.operations().schedule().span(last.lastRun()));
    }

    /**
     * What {@code alert}'s evaluator (and a rule's query) knows in this pass: its window and params, what it
     * remembered in {@code state}, and a way to send more searches to its index.
     */
    AlertContext about(Alert alert, Window window, State state) {
        return AlertContext.of(alert.name(), window, now, alert.params())
                .withMemory(state.memory(alert.name()).orElseGet(JsonNodeFactory.instance::objectNode))
                .withSearch(body -> {
                    try {
                        return cluster.search(alert.index(), body);
                    } catch (ElasticsearchException e) {
                        throw new SearchException(e.getMessage(), e);
                    }
                });
    }

    /** {@code notification} with the title and body that its alert's templates give it for {@code medium}, if any. */
    Notification templated(String alert, String medium, Notification notification) {
        Alert configured = alerts.get(alert);
        MediumTemplates templates = configured == null ? null : configured.templates().get(medium);
        return templates == null ? notification : templates.apply(notification);
    }

    /** A Kibana Discover link to the window, or empty when no Kibana is configured. */
    String discoverLink(Window window) {
        return kibana.isEmpty() ? ""
                : kibana + "/app/discover#/?_g=(time:(from:'" + window.start() + "',to:'" + window.end() + "'))";
    }
}
