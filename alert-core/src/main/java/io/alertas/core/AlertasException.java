package io.alertas.core;

import io.alertas.core.pass.Problem;
import java.util.List;

/**
 * What {@link Alertas.Builder#build()} found wrong, every problem in one line each: the file and line:column
 * when it came from a config file, the alert when it concerns one, and what to do. Never quotes a secret.
 */
public final class AlertasException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<Problem> located;

    AlertasException(List<Problem> problems) {
        super(String.join("\n", problems.stream().map(Problem::toString).toList()));
        this.located = List.copyOf(problems);
    }

    /** One line per problem, in the order found; never empty. */
    public List<String> problems() {
        return located.stream().map(Problem::toString).toList();
    }

    /** The problems as data, in the order found: where each is, the alert it concerns, what to do; never empty. */
    public List<Problem> located() {
        return located;
    }
}
