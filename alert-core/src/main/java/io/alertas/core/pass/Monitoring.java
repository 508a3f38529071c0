package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the "monitoring" section of credentials.json asks to be left after each pass for those who watch the
 * runner: a metrics file in Prometheus text format, a status page, and a dead-man URL to ping after each pass
 * that succeeded. Each is optional; the URL holds a token, so it is a secret and never shown.
 */
public record Monitoring(Optional<Path> metricsFile, Optional<Path> statusPage, Optional<URI> deadManUrl) {

    /** No monitoring at all. */
    public static final Monitoring NONE = new Monitoring(Optional.empty(), Optional.empty(), Optional.empty());

    public Monitoring {
        requireNonNull(metricsFile, "metricsFile is null");
        requireNonNull(statusPage, "statusPage is null");
        requireNonNull(deadManUrl, "deadManUrl is null");
    }
}
