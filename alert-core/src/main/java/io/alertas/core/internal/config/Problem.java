package io.alertas.core.internal.config;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with the configuration, said in one line: where (file and line:column, when known),
 * which alert (when it concerns one), and what to do.
 */
public record Problem(String where, String alert, String message) {

    public Problem {
        requireNonNull(where, "where is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return where + ": " + (alert == null ? "" : "alert \"" + alert + "\": ") + message;
    }
}
