package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.Durations;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** How a settings object of a config file is read: its keys, and its durations within their bounds. */
final class SettingChecks {

    /** The durations for which 0 means nothing: no wait for an answer, an empty window. */
    private static final Set<String> LONGER_THAN_ZERO = Set.of("timeout", "pass_timeout", "max_catchup");

    private SettingChecks() {
    }

    /**
     * The duration {@code key} of {@code object} (at {@code at} in {@code file}), or {@code fallback} when it
     * is absent or, said in {@code problems}, not a duration within {@link Durations}' bounds.
     */
    static Duration duration(LocatedJson file, JsonNode object, String at, String key, Duration fallback,
            String alert, List<Problem> problems) {
        JsonNode value = object.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        Optional<String> problem = Durations.problem(value, !LONGER_THAN_ZERO.contains(key));
        problem.ifPresent(p -> problems.add(new Problem(file.at(at + "/" + key), alert, "\"" + key + "\" " + p)));
        return problem.isPresent() ? fallback : Durations.parse(value);
    }

    /** Says each key of {@code entry} (at {@code at} in {@code file}) that is not one of {@code known}. */
    static void unknown(LocatedJson file, JsonNode entry, String at, String alert, Set<String> known,
            List<Problem> problems) {
        for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.add(new Problem(file.at(at + "/" + key), alert, "unknown setting \"" + key + "\"; known: "
                        + String.join(", ", new TreeSet<>(known))));
            }
        }
    }
}
