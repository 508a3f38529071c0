package io.alertas.core.internal.config;

import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.rules.RuleType;
import io.alertas.spi.rules.Rules;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An alerts.d file of a rule type: {@code "type"} names it, and the file's other keys are the rule's settings
 * ({@code "group_by"}, {@code "threshold"}, ...), each checked at its place.
 */
final class RuleFile implements AlertFile {

    /** The keys of a rule's file besides its type's settings and the settings of an alerts.json entry. */
    private static final Set<String> KEYS = Set.of("description", "index", "type");

    @Override
    public Declared declare(String name, LocatedJson file, List<Problem> problems) {
        SettingReader root = new SettingReader(file, file.root(), "", name, problems);
        int before = problems.size();
        String index = root.text("index", true);
        String description = root.text("description", false);
        String label = root.text("type", true);
        if (label == null) {
            return null;
        }
        RuleType type = RuleType.ofLabel(label).orElse(null);
        if (type == null) {
            root.problem("type", "\"type\" must be one of " + RuleType.labels()
                    + ", not \"" + (label.length() > 40 ? label.substring(0, 40) + "…" : label) + "\"");
            return null;
        }
        if (root.has("params")) {
            root.problem("params", "a rule's numbers are set at the top of its file, such as \"threshold\": 5, not under"
                    + " \"params\"");
        }
        Rules.Builder rule = Rules.of(type);
        file.root().fields().forEachRemaining(setting -> {
            if (type.settings().contains(setting.getKey())) {
                try {
                    rule.set(setting.getKey(), setting.getValue());
                } catch (IllegalArgumentException e) {
                    root.problem(setting.getKey(), e.getMessage());
                }
            }
        });
        rule.problems().forEach(p -> root.problem("type", p));
        Set<String> keys = new TreeSet<>(KEYS);
        keys.addAll(type.settings());
        SortedSet<String> known = AlertSettings.keysAnd(keys);
        if (problems.size() > before) {
            // the file's alert stops here, so its other keys are checked here too
            root.unknown("setting", known);
            return null;
        }
        try {
            return new Declared(AlertDefinition.builder(name).description(description == null ? "" : description)
                    .index(index).rule(rule.build()).build(), keys, known, null);
        } catch (IllegalArgumentException e) {
            root.problem("type", e.getMessage());
            return null;
        }
    }
}
