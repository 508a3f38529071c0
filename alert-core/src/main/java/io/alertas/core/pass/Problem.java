package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with the configuration: where ({@code file:line:column} when it came from a config file,
 * such as {@code alerts.json:4:17}), the alert it concerns (null when none) and what to do. Never quotes a
 * secret.
 */
public record Problem(String where, String alert, String message) {

    public Problem {
        requireNonNull(where, "where is null");
        requireNonNull(message, "message is null");
    }

    /** The problem in one line: {@code where: alert "name": message}. */
    @Override
    public String toString() {
        return where + ": " + (alert == null ? "" : "alert \"" + alert + "\": ") + message;
    }
}
