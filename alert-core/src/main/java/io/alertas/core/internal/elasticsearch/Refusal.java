package io.alertas.core.internal.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * How an answer other than 2xx is said: the status with its reason, Elasticsearch's own error when the answer
 * holds one, and what to check for the statuses a user can fix.
 */
final class Refusal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Refusal() {
    }

    /** "answered 404 Not Found: index_not_found_exception: no such index [x]; check the index pattern" */
    static String said(int status, JsonNode answer) {
        return "answered " + status + reason(status) + errorOf(answer) + advice(status);
    }

    /** As {@link #said(int, JsonNode)}, of an answer's body that may not be JSON. */
    static String said(int status, byte[] body) {
        return said(status, parse(body));
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    private static String advice(int status) {
        return switch (status) {
            case 401 -> "; check username and password, or api_key, in credentials.json";
            case 403 -> "; the user lacks the privilege to read this index";
            case 404 -> "; check the index pattern";
            default -> "";
        };
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException | RuntimeException e) {
            return JSON.missingNode();
        }
    }

    /** Elasticsearch's own reason for an error, when the answer holds one. */
    private static String errorOf(JsonNode answer) {
        JsonNode error = answer.path("error");
        JsonNode cause = error.path("root_cause").path(0);
        JsonNode reason = cause.isMissingNode() ? error : cause;
        return reason.hasNonNull("reason") ? ": " + reason.path("type").asText("error") + ": " + reason.path("reason").asText() : "";
    }
}
