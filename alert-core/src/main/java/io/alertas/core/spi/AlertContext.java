package io.alertas.core.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What an evaluator knows besides the response: which alert, which window, the instant of the pass and
 * the alert's params (the plugin's defaults overridden by {@code alerts.json}).
 *
 * <p>No field is null; {@code params} is a JSON object and must not be modified.
 */
public record AlertContext(String alert, Window window, Instant now, JsonNode params) {

    public AlertContext {
        requireNonNull(alert, "alert is null");
        requireNonNull(window, "window is null");
        requireNonNull(now, "now is null");
        requireNonNull(params, "params is null");
        if (!params.isObject()) {
            throw new IllegalArgumentException("params must be a JSON object");
        }
    }

    /** The param {@code name}, or a missing node (never null) when it is not set. */
    public JsonNode param(String name) {
        return params.path(name);
    }
}
