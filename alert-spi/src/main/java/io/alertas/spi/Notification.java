package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One message about one alert, ready for a medium to send.
 *
 * <p>{@code findings} are the ones not throttled on this medium (empty for alerts that report none);
 * {@code suppressed} counts the firings held back by the throttle since the last delivery on this medium.
 * {@code cluster} is the cluster's URL without credentials; {@code link} opens the window in Kibana
 * Discover, or is empty when no {@code kibana_url} is configured. No component is null.
 */
public record Notification(
        String alert,
        Severity severity,
        String message,
        List<Finding> findings,
        Window window,
        int suppressed,
        String cluster,
        Instant firedAt,
        String link) {

    public Notification {
        requireNonNull(alert, "alert is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
        findings = List.copyOf(requireNonNull(findings, "findings is null"));
        requireNonNull(window, "window is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(firedAt, "firedAt is null");
        requireNonNull(link, "link is null");
        if (suppressed < 0) {
            throw new IllegalArgumentException("suppressed is negative");
        }
    }

    /** A one-line title: severity, alert and how many findings. */
    public String title() {
        String count = findings.isEmpty() ? "" : " (" + findings.size() + (findings.size() == 1 ? " finding)" : " findings)");
        return "[" + severity.label().toUpperCase(Locale.ROOT) + "] " + alert + count;
    }
}
