package io.alertas.core.elasticsearch;

/**
 * A request to Elasticsearch failed. The message names the cluster URL and what went wrong, never a
 * credential. {@code status} is the HTTP status, or 0 when no answer came.
 */
public final class ElasticsearchException extends Exception {

    private final int status;

    ElasticsearchException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
