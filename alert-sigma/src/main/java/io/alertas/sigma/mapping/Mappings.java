package io.alertas.sigma.mapping;

import io.alertas.sigma.rule.LogSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The field mappings and log sources of one kind of shipper, as data. (Stub: the mappings slice writes it.) */
public final class Mappings {

    private Mappings() {
    }

    /** The names of the built-in mappings, the default first: ecs_windows, ecs_windows_old. */
    public static List<String> names() {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * The built-in mapping {@code name}.
     *
     * @throws IllegalArgumentException naming the known mappings, when there is none of that name
     */
    public static Mappings named(String name) {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * This mapping with an installation's own file laid over it.
     *
     * @throws IllegalArgumentException naming the file and the place, when it is malformed or cannot be read
     */
    public Mappings overriddenBy(Path file) {
        throw new UnsupportedOperationException("stub");
    }

    /** Where the events of {@code source} are; empty for a log source this mapping does not know. */
    public Optional<LogSourceTarget> target(LogSource source) {
        throw new UnsupportedOperationException("stub");
    }
}
