package io.alertas.core.internal.config;

import io.alertas.core.pass.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads many independent parts of the config (the files of alerts.d, the alerts' settings) on every core: each
 * part's problems are kept with it, and said in the parts' order, as if they had been read one after another.
 */
final class EveryCore {

    private EveryCore() {
    }

    /**
     * What {@code read} makes of each of {@code parts}, in their order, leaving out the nulls of parts with
     * problems; {@code read} adds a part's problems to the list it is given, and they go to {@code problems}.
     */
    static <P, R> List<R> read(List<P> parts, BiFunction<P, List<Problem>, R> read, List<Problem> problems) {
        List<Read<R>> reads = parts.parallelStream().map(part -> {
            List<Problem> own = new ArrayList<>();
            return new Read<>(read.apply(part, own), own);
        }).toList();
        List<R> results = new ArrayList<>();
        for (Read<R> one : reads) {
            problems.addAll(one.problems());
            if (one.result() != null) {
                results.add(one.result());
            }
        }
        return results;
    }

    private record Read<R>(R result, List<Problem> problems) {
    }
}
