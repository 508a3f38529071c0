package io.alertas.core.elasticsearch;

import java.time.Duration;

/**
 * A request to Elasticsearch failed. The message names the cluster URL and what went wrong, never a
 * credential. {@code status} is the HTTP status, or 0 when no answer came; {@code retryable} says whether
 * trying again may help (unreachable, 429, 502, 503, 504).
 */
public final class ElasticsearchException extends Exception {

    private final int status;
    private final boolean retryable;
    private final transient Duration retryAfter;

    ElasticsearchException(String message, int status, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the cluster asked to wait, or null. */
    Duration retryAfter() {
        return retryAfter;
    }

    public int status() {
        return status;
    }
}
