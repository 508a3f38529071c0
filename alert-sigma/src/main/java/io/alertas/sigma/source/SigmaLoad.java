package io.alertas.sigma.source;

import io.alertas.sigma.mapping.Mappings;
import io.alertas.spi.AlertDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One load of rules into alerts: read, select, override (by the rule's id or its alert's name), convert; the
 * correlation rules last, as they refer to the others. A rule that an override switches off and that cannot run is
 * not told of: switching it off is how an operator silences a skip they know.
 */
final class SigmaLoad {

    /** The alerts, what was skipped, and the override keys that matched no rule read. */
    record Result(List<AlertDefinition> alerts, Skips skips, Set<String> unusedOverrides) {
    }

    private SigmaLoad() {
    }

    static Result run(List<Path> roots, Path configDir, Mappings mappings, Map<String, List<String>> placeholders,
            Selection selection, Map<String, RuleOverride> overrides) {
        Skips skips = new Skips();
        RuleSet set = RuleSet.read(roots, configDir, mappings, placeholders, skips);
        Set<String> unused = new LinkedHashSet<>(overrides.keySet());
        List<AlertDefinition> alerts = new ArrayList<>();
        List<RuleSet.Read> correlations = new ArrayList<>();
        for (RuleSet.Read read : set.rules()) {
            unused.remove(read.name());
            unused.remove(read.rule().id());
            if (!selection.test(read.rule(), read.file().file(), read.file().relative())) {
                continue;
            }
            if (read.rule().isCorrelation()) {
                correlations.add(read);
            } else {
                RuleOverride override = override(overrides, read);
                int mark = skips.mark();
                Optional<AlertDefinition> alert = set.convert(read).flatMap(c -> set.alert(c, override));
                alert.ifPresent(alerts::add);
                if (alert.isEmpty() && Boolean.FALSE.equals(override.active())) {
                    skips.forgetSince(mark);
                }
            }
        }
        Set<String> hidden = new HashSet<>();
        for (RuleSet.Read read : correlations) {
            CorrelationAlerts.of(read, set, override(overrides, read), skips).ifPresent(made -> {
                alerts.add(made.alert());
                hidden.addAll(made.hidden());
            });
        }
        alerts.removeIf(alert -> hidden.contains(alert.name()));
        return new Result(alerts, skips, unused);
    }

    private static RuleOverride override(Map<String, RuleOverride> overrides, RuleSet.Read read) {
        RuleOverride byName = overrides.get(read.name());
        return byName != null ? byName : overrides.getOrDefault(read.rule().id(), RuleOverride.NONE);
    }
}
