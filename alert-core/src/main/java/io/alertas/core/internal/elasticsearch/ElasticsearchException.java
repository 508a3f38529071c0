package io.alertas.core.internal.elasticsearch;

import java.time.Duration;

/**
 * A request to Elasticsearch failed. The message names the cluster URL and what went wrong, never a
 * credential. {@code status} is the HTTP status, or 0 when no answer came; {@code retryable} says whether
 * trying again may help (unreachable, 429, 502, 503, 504); {@code ofTheRequest} says whether the failure may
 * come from what was asked rather than from the cluster as a whole (a 4xx other than 401, 403 and 429, a 500,
 * no answer once the request was sent, an answer that cannot be read), so that a batch of searches that
 * failed this way is worth sending again one search at a time.
 */
public final class ElasticsearchException extends Exception {

    private final int status;
    private final boolean retryable;
    private final boolean ofTheRequest;
    private final transient Duration retryAfter;

    ElasticsearchException(String message, int status, boolean retryable, boolean ofTheRequest, Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.ofTheRequest = ofTheRequest;
        this.retryAfter = retryAfter;
    }

    /** Whether the failure may be due to what was asked rather than to the cluster; see the class comment. */
    public boolean ofTheRequest() {
        return ofTheRequest;
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
