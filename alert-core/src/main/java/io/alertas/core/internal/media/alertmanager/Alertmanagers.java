package io.alertas.core.internal.media.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.alertas.core.internal.media.Addressed;
import io.alertas.core.internal.media.Endpoint;
import io.alertas.core.internal.media.Leased;
import io.alertas.core.internal.media.Reachable;
import io.alertas.spi.DeliveryException;
import io.alertas.spi.Finding;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One or more Alertmanagers of one cluster, told alike as Prometheus tells them: every notification goes to
 * each of them, one after another, and counts as delivered when at least one accepted it (they share what they
 * were told by gossip). The alerts go in requests of at most {@link #BATCH}; when one fails on every
 * Alertmanager, the findings of the requests before it count as delivered.
 */
final class Alertmanagers implements Medium, Reachable, Leased, Addressed {

    /** The most alerts in one request. */
    static final int BATCH = 64;

    private static final Logger LOG = LoggerFactory.getLogger(Alertmanagers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One Alertmanager: where its API is, and its name in messages (host and port: never the URL's path). */
    private record Target(String name, URI root, URI alerts, Endpoint endpoint) {
    }

    private final List<Target> targets = new ArrayList<>();
    private final Map<String, String> headers;
    private final PostableAlerts alerts;
    private final SSLContext tls;

    /** The Alertmanagers at {@code roots} (their URLs, already checked), each given {@code headers}. */
    Alertmanagers(List<URI> roots, Map<String, String> headers, PostableAlerts alerts, Duration timeout, SSLContext tls) {
        for (URI root : roots) {
            String name = "Alertmanager " + root.getHost() + (root.getPort() > 0 ? ":" + root.getPort() : "");
            URI api = URI.create(root.toString().replaceAll("/+$", "") + "/api/v2/alerts");
            targets.add(new Target(name, root, api, new Endpoint(name, timeout, tls)));
        }
        this.headers = Map.copyOf(headers);
        this.alerts = alerts;
        this.tls = tls;
    }

    @Override
    public void deliver(Notification notification) throws DeliveryException {
        if (notification.findings().isEmpty()) {
            post(JSON.createArrayNode().add(alerts.alert(notification, "", notification.message())));
            return;
        }
        List<String> accepted = new ArrayList<>();
        List<Finding> findings = notification.findings();
        for (int from = 0; from < findings.size(); from += BATCH) {
            List<Finding> batch = findings.subList(from, Math.min(findings.size(), from + BATCH));
            ArrayNode body = JSON.createArrayNode();
            batch.forEach(f -> body.add(alerts.alert(notification, f.key(), f.text())));
            try {
                post(body);
            } catch (DeliveryException e) {
                throw accepted.isEmpty() ? e : e.afterAccepting(accepted);
            }
            batch.forEach(f -> accepted.add(f.key()));
        }
    }

    /** Posts {@code body} to every Alertmanager; fails only when none accepted it. */
    private void post(ArrayNode body) throws DeliveryException {
        String json = body.toString();
        List<DeliveryException> failures = new ArrayList<>();
        for (Target target : targets) {
            try {
                target.endpoint().send(target.alerts(), "POST", headers, json, Alertmanagers::reason);
            } catch (DeliveryException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                failures.add(e);
            }
        }
        if (failures.size() < targets.size()) {
            // the message names the Alertmanager and its answer, never a URL or a header
            failures.forEach(f -> LOG.warn("{}; another Alertmanager accepted the alerts", f.getMessage()));
            return;
        }
        throw failure(failures);
    }

    /**
     * What failing on every Alertmanager means: refused when each refused the alerts themselves (a 400:
     * sending them again cannot change it); retried soon when any may pass if tried again, not before the
     * earliest Retry-After when each of those asked to wait; otherwise kept for later passes.
     */
    static DeliveryException failure(List<DeliveryException> failures) {
        String message = String.join("; ", failures.stream().map(Throwable::getMessage).toList());
        if (failures.stream().allMatch(DeliveryException::refused)) {
            return DeliveryException.refused(message);
        }
        List<DeliveryException> retryable = failures.stream().filter(DeliveryException::retryable).toList();
        if (retryable.isEmpty()) {
            return new DeliveryException(message, false);
        }
        Duration after = null;
        for (DeliveryException e : retryable) {
            Optional<Duration> wait = e.retryAfter();
            if (wait.isEmpty()) {
                after = null;
                break;
            }
            after = after == null || wait.get().compareTo(after) < 0 ? wait.get() : after;
        }
        return new DeliveryException(message, true, after, null);
    }

    /**
     * Alertmanager's error: a JSON string such as {@code "start time must be before end time"} (400), an object
     * with a {@code "message"} (422, an alert not of the API's schema), or plain text.
     */
    static String reason(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && (error.isTextual() || error.path("message").isTextual())) {
                return Endpoint.plain(error.isTextual() ? error.asText() : error.path("message").asText());
            }
        } catch (IOException e) {
            // not JSON: read as plain text below
        }
        return Endpoint.plain(body);
    }

    @Override
    public Duration lease() {
        return alerts.lease();
    }

    /** The Alertmanagers' URLs, in order. */
    @Override
    public Object receiver() {
        return targets.stream().map(Target::alerts).toList();
    }

    /** Connects to each Alertmanager; fails naming those that cannot be reached. */
    @Override
    public String reach() throws IOException {
        List<String> reached = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Target target : targets) {
            try {
                reached.add(Reachable.connect(target.root(), tls));
            } catch (IOException e) {
                failed.add(e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new IOException(String.join("; ", failed) + (reached.isEmpty() ? "" : " (" + String.join(", ", reached) + ")"));
        }
        return String.join(", ", reached);
    }

    /** Never a URL, which may hold a secret. */
    @Override
    public String toString() {
        return "Alertmanagers" + targets.stream().map(Target::name).toList();
    }
}
