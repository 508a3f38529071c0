package io.alertas.core.internal.config;

import io.alertas.core.pass.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; {@link #problems()} says every reason found, one line each. */
public final class ConfigException extends Exception {

    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
