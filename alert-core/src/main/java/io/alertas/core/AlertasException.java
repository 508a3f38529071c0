package io.alertas.core;

import java.util.List;

/**
 * What {@link Alertas.Builder#build()} found wrong, every problem in one line each: the file and line:column
 * when it came from a config file, the alert when it concerns one, and what to do. Never quotes a secret.
 */
public final class AlertasException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    AlertasException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, in the order found; never empty. */
    public List<String> problems() {
        return problems;
    }
}
