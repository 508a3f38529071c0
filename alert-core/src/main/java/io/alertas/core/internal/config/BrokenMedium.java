package io.alertas.core.internal.config;

import io.alertas.core.pass.Problem;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stands for a medium of credentials.json that failed to start while the rest of the configuration is read:
 * the active alerts that use it are counted here instead of each saying that it is missing, and its one
 * problem then says how many they are. It never reaches a pass: its problem stops the load.
 */
final class BrokenMedium implements Medium {

    private final Problem problem;
    private final Set<String> alerts = new TreeSet<>();

    BrokenMedium(Problem problem) {
        this.problem = problem;
    }

    @Override
    public void deliver(Notification notification) {
        throw new IllegalStateException("a medium that failed to start is never delivered through");
    }

    /** Counts {@code alert} against each broken medium among {@code wanted}. */
    static void usedBy(String alert, Collection<String> wanted, Map<String, Medium> configured) {
        wanted.stream().map(configured::get).filter(BrokenMedium.class::isInstance)
                .forEach(medium -> ((BrokenMedium) medium).alerts.add(alert));
    }

    /** Replaces the problem of each broken medium of {@code media} by one that says how many active alerts use it. */
    static void fold(Map<String, Medium> media, List<Problem> problems) {
        for (Medium medium : media.values()) {
            if (medium instanceof BrokenMedium broken && !broken.alerts.isEmpty()) {
                int count = broken.alerts.size();
                Problem said = broken.problem;
                for (int i = 0; i < problems.size(); i++) {
                    if (problems.get(i) == said) {
                        problems.set(i, new Problem(said.where(), said.alert(), said.message() + "; " + count
                                + (count == 1 ? " active alert uses it" : " active alerts use it")));
                    }
                }
            }
        }
    }
}
