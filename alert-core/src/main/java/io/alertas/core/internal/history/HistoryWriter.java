package io.alertas.core.internal.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.AfterPass;
import io.alertas.core.internal.Alert;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.core.internal.media.Cut;
import io.alertas.core.pass.Mask;
import io.alertas.core.pass.PassReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the history of each real pass to the cluster: its {@link HistoryDocuments} in one {@code _bulk} to the
 * day's index, which waits until they can be searched (the index's refresh interval, a second by default), so
 * that the status page and {@code status --history} show them at once. The first write of a day (the day's index missing) installs the index template when it is
 * missing and deletes the daily indices past the retention. Whatever goes wrong is a warning in the pass's
 * report and the log, never a failed pass; the writing gives up when the pass's timeout is up, so that a
 * cluster that hangs cannot hold the pass.
 */
public final class HistoryWriter implements AfterPass {

    /** The most documents one pass writes; the rest are counted in a warning. */
    static final int MAX_DOCUMENTS = 10_000;
    /** The longest refusal of the cluster a warning quotes. */
    private static final int REASON_CHARS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchClient cluster;
    private final HistoryIndex index;
    private final Map<String, Alert> alerts;
    private final String runner;
    private final Mask mask;
    private final Duration passTimeout;

    /**
     * A writer of the history {@code setting} names to {@code cluster}; {@code alerts} by name give each
     * document's severity and plugin, {@code runner} names this runner, {@code mask} masks every text.
     */
    public HistoryWriter(ElasticsearchClient cluster, HistorySetting setting, Map<String, Alert> alerts, String runner,
            Mask mask, Duration passTimeout) {
        this.cluster = cluster;
        this.index = new HistoryIndex(cluster, setting.index(), setting.retention());
        this.alerts = Map.copyOf(alerts);
        this.runner = runner;
        this.mask = mask;
        this.passTimeout = passTimeout;
    }

    @Override
    public PassReport after(PassReport report) {
        List<ObjectNode> documents = HistoryDocuments.of(report, alerts, runner, mask);
        if (documents.isEmpty()) {
            return report;
        }
        List<String> warnings = new ArrayList<>();
        if (documents.size() > MAX_DOCUMENTS) {
            warnings.add("the history of this pass kept " + MAX_DOCUMENTS + " of its " + documents.size()
                    + " documents (at most " + MAX_DOCUMENTS + " a pass)");
            documents = documents.subList(0, MAX_DOCUMENTS);
        }
        warnings.addAll(withinTimeout(report.now(), documents, passTimeout.minus(report.took())));
        warnings.forEach(LOG::warn);
        return warnings.isEmpty() ? report : report.withWarnings(warnings);
    }

    /** Writes on a thread of its own, waiting at most {@code left}; what went wrong, as warnings. */
    private List<String> withinTimeout(Instant now, List<ObjectNode> documents, Duration left) {
        String notWritten = "the history of this pass (" + documents.size() + " documents) was not written to "
                + index.daily(now) + ": ";
        if (left.isNegative() || left.isZero()) {
            return List.of(notWritten + "the pass used its whole pass_timeout");
        }
        CompletableFuture<List<String>> written = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                written.complete(write(now, documents, notWritten));
            } catch (RuntimeException e) {
                written.completeExceptionally(e);
            }
        }, "alertas-history");
        writer.setDaemon(true);
        writer.start();
        try {
            return written.get(left.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            writer.interrupt();
            return List.of(notWritten + "Elasticsearch gave no answer within what was left of the pass_timeout ("
                    + left.toMillis() + "ms)");
        } catch (ExecutionException e) {
            return List.of(notWritten + mask.mask(String.valueOf(e.getCause().getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.interrupt();
            return List.of(notWritten + "interrupted");
        }
    }

    /** The first write of a day prepares the index; then one bulk request. */
    private List<String> write(Instant now, List<ObjectNode> documents, String notWritten) {
        List<String> warnings = new ArrayList<>();
        String day = index.daily(now);
        try {
            if (!index.exists(now)) {
                index.template();
                expire(now, warnings);
            }
            List<JsonNode> lines = new ArrayList<>();
            for (ObjectNode document : documents) {
                lines.add(JSON.createObjectNode().set("index", JSON.createObjectNode().put("_index", day)));
                lines.add(document);
            }
            JsonNode answer = cluster.ndjson("POST", "/_bulk?refresh=wait_for", lines);
            if (answer.path("errors").asBoolean()) {
                refused(answer, documents.size(), day, warnings);
            }
        } catch (ElasticsearchException e) {
            warnings.add(notWritten + mask.mask(e.getMessage()));
        }
        return warnings;
    }

    private void expire(Instant now, List<String> warnings) {
        try {
            List<String> deleted = index.expire(now);
            if (!deleted.isEmpty()) {
                LOG.info("history: deleted {} past the retention", String.join(", ", deleted));
            }
        } catch (ElasticsearchException e) {
            warnings.add("the history's indices past the retention were not deleted: " + mask.mask(e.getMessage()));
        }
    }

    /** Says how many documents the bulk request's answer refused, and the first reason. */
    private void refused(JsonNode answer, int sent, String day, List<String> warnings) {
        int refused = 0;
        String reason = null;
        for (JsonNode item : answer.path("items")) {
            JsonNode error = item.path("index").path("error");
            if (!error.isMissingNode()) {
                refused++;
                if (reason == null) {
                    reason = error.path("type").asText() + ": " + error.path("reason").asText();
                }
            }
        }
        warnings.add(refused + " of the " + sent + " history documents of this pass were refused by " + day + ": "
                + Cut.chars(mask.mask(reason), REASON_CHARS));
    }
}
