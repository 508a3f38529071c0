package io.alertas.core.internal.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The "elasticsearch" section of credentials.json, read and checked: the URL (never with credentials in it),
 * basic auth or an API key (null when not given), the CA file (null for the JDK's trust store), the request
 * timeout and the searches per {@code _msearch}.
 */
record ClusterSettings(URI url, String username, String password, String apiKey, Path ca, Duration timeout,
        int searchBatch) {

    ClusterSettings {
        requireNonNull(url, "url is null");
        requireNonNull(timeout, "timeout is null");
    }

    /** The URL only: the password and the API key must never reach a log or a message. */
    @Override
    public String toString() {
        return "cluster " + url;
    }
}
