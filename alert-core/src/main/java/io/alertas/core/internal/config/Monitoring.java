package io.alertas.core.internal.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the runner leaves after each pass for those who watch it: a metrics file in Prometheus text format
 * (for node_exporter's textfile collector), a status page, and a dead-man URL pinged after each successful
 * pass. Each is optional; the URL is a secret, never shown.
 */
public record Monitoring(Optional<Path> metricsFile, Optional<Path> statusPage, Optional<URI> deadManUrl) {

    /** No monitoring at all. */
    public static final Monitoring NONE = new Monitoring(Optional.empty(), Optional.empty(), Optional.empty());

    static final List<String> KEYS = List.of("metrics_file", "status_page", "dead_man_url");

    public Monitoring {
        requireNonNull(metricsFile, "metricsFile is null");
        requireNonNull(statusPage, "statusPage is null");
        requireNonNull(deadManUrl, "deadManUrl is null");
    }
}
