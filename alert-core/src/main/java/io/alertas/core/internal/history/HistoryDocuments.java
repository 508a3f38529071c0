package io.alertas.core.internal.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.Alert;
import io.alertas.core.internal.media.Cut;
import io.alertas.core.pass.Mask;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.PassReport.AlertOutcome;
import io.alertas.core.pass.PassReport.Delivery;
import io.alertas.core.pass.PassReport.Status;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Window;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The history documents of one pass, made from its {@link PassReport}: one per event and key. An alert that
 * fired is one {@code fired} document per key (the whole alert's, without {@code key}, when it reports none), an
 * alert that failed one {@code failed} document without {@code medium}, a resolution made in this pass one
 * {@code resolved} document per key; and what became of each notification on each medium one document per key
 * whose {@code outcome} is its {@link PassReport.Result} in lower case ({@code delivered}, {@code throttled},
 * {@code silenced}, {@code failed}, ...), so that a result added later needs no change here. Messages are masked
 * and cut to {@link #MESSAGE_CHARS}, keys to {@link #KEY_CHARS}.
 */
final class HistoryDocuments {

    /** The longest message a document keeps. */
    static final int MESSAGE_CHARS = 1000;
    /** The longest key a document keeps. */
    static final int KEY_CHARS = 256;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PassReport report;
    private final Map<String, Alert> alerts;
    private final String runner;
    private final Mask mask;
    private final List<ObjectNode> documents = new ArrayList<>();

    private HistoryDocuments(PassReport report, Map<String, Alert> alerts, String runner, Mask mask) {
        this.report = report;
        this.alerts = alerts;
        this.runner = runner;
        this.mask = mask;
    }

    /** The documents of {@code report}, written by {@code runner}; {@code alerts} by name give severity and plugin. */
    static List<ObjectNode> of(PassReport report, Map<String, Alert> alerts, String runner, Mask mask) {
        HistoryDocuments history = new HistoryDocuments(report, alerts, runner, mask);
        report.alerts().forEach(history::outcome);
        Set<List<String>> resolutions = new HashSet<>();
        for (Delivery delivery : report.deliveries()) {
            history.delivery(delivery);
            Notification n = delivery.notification();
            if (n != null && n.resolved() && n.firedAt().equals(report.now())) {
                for (String key : keys(delivery.keys())) {
                    if (resolutions.add(List.of(delivery.alert(), key))) {
                        history.document(delivery.alert(), key, null, "resolved", n.message(), n.window());
                    }
                }
            }
        }
        return history.documents;
    }

    private void outcome(AlertOutcome outcome) {
        if (outcome.status() == Status.FAILED) {
            document(outcome.alert(), "", null, "failed", outcome.error(), outcome.window());
        } else if (outcome.status() == Status.FIRED) {
            Evaluation evaluation = outcome.evaluation();
            if (evaluation.findings().isEmpty()) {
                document(outcome.alert(), "", null, "fired", evaluation.message(), outcome.window());
            }
            Set<String> seen = new HashSet<>();
            for (Finding finding : evaluation.findings()) {
                if (seen.add(finding.key())) {
                    document(outcome.alert(), finding.key(), null, "fired", finding.text(), outcome.window());
                }
            }
        }
    }

    private void delivery(Delivery delivery) {
        Notification n = delivery.notification();
        AlertOutcome outcome = report.alerts().stream().filter(a -> a.alert().equals(delivery.alert())).findFirst()
                .orElse(null);
        Window window = n != null ? n.window() : outcome == null ? null : outcome.window();
        String outcomeName = delivery.result().name().toLowerCase(Locale.ROOT);
        for (String key : keys(delivery.keys())) {
            String message = delivery.error() != null ? delivery.error()
                    : n != null ? n.message() : told(outcome, key);
            ObjectNode document = document(delivery.alert(), key, delivery.medium(), outcomeName, message, window);
            if (n != null) {
                document.put("notification", n.resolved() ? "resolved" : "fired");
            }
        }
    }

    /** What the alert's evaluation said of {@code key} (of the whole alert when it is empty), or null. */
    private static String told(AlertOutcome outcome, String key) {
        if (outcome == null || outcome.evaluation() == null) {
            return null;
        }
        return outcome.evaluation().findings().stream().filter(f -> f.key().equals(key)).map(Finding::text)
                .findFirst().orElse(outcome.evaluation().message());
    }

    /** The keys of a delivery, or the whole alert's ({@code ""}) when it names none. */
    private static List<String> keys(List<String> keys) {
        return keys.isEmpty() ? List.of("") : keys;
    }

    private ObjectNode document(String alert, String key, String medium, String outcome, String message, Window window) {
        ObjectNode document = JSON.createObjectNode().put("@timestamp", report.now().toString()).put("alert", alert);
        if (!key.isEmpty()) {
            document.put("key", Cut.chars(mask.mask(key), KEY_CHARS));
        }
        Alert configured = alerts.get(alert);
        if (configured != null) {
            document.put("severity", configured.severity().label());
        }
        if (medium != null) {
            document.put("medium", mask.mask(medium));
        }
        document.put("outcome", outcome);
        if (message != null) {
            document.put("message", Cut.chars(mask.mask(message), MESSAGE_CHARS));
        }
        if (window != null) {
            document.putObject("window").put("start", window.start().toString()).put("end", window.end().toString());
        }
        document.put("runner", runner);
        if (configured != null) {
            document.put("plugin", configured.plugin());
        }
        documents.add(document);
        return document;
    }
}
