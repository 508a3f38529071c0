package io.alertas.core.internal;

import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.core.pass.PassReport;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many keys one alert may fire in one pass: as many as the state keeps throttled for it on a medium. A pass
 * tells and throttles the first {@value #MAX} keys in the evaluator's order and says what it left out; those
 * are not sent, and are told by a later window only if they fire again.
 */
final class FiredKeys {

    static final int MAX = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(FiredKeys.class);

    private FiredKeys() {
    }

    /** {@code evaluation} with the findings of its first {@value #MAX} keys, and a warning when it had more; null stays null. */
    static Evaluation capped(String alert, Evaluation evaluation, Consumer<String> warn) {
        if (evaluation == null) {
            return null;
        }
        Set<String> keys = new LinkedHashSet<>();
        evaluation.findings().forEach(f -> keys.add(f.key()));
        if (keys.size() <= MAX) {
            return evaluation;
        }
        Set<String> told = Set.copyOf(List.copyOf(keys).subList(0, MAX));
        List<Finding> kept = evaluation.findings().stream().filter(f -> told.contains(f.key())).toList();
        String warning = "alert \"" + alert + "\" fired " + keys.size() + " keys in one window; told the first " + MAX
                + " and left out " + (keys.size() - MAX) + ", which are not sent";
        LOG.warn(PassReport.LOGGED_AND_REPORTED, warning);
        warn.accept(warning);
        Evaluation capped = Evaluation.fire(evaluation.message(), kept);
        return evaluation.memory().map(capped::remembering).orElse(capped);
    }
}
