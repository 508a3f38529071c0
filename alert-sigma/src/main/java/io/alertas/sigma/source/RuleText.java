package io.alertas.sigma.source;

import io.alertas.sigma.rule.SigmaRule;
import java.util.List;
import java.util.Locale;

/** What a notification says of the rule behind it, each value on one line made safe ({@link Text}). */
final class RuleText {

    private RuleText() {
    }

    /**
     * The title; the rule's id, level and author (whom the Detection Rule License asks to credit); its ATT&CK tags,
     * references and false positives, each line left out when the rule has none.
     */
    static String message(SigmaRule rule) {
        StringBuilder text = new StringBuilder(Text.line(rule.title())).append('\n');
        text.append("Sigma rule").append(rule.id().isEmpty() ? "" : " " + Text.line(rule.id()))
                .append(", level ").append(rule.level().isEmpty() ? "(none)" : Text.line(rule.level()))
                .append(", by ").append(rule.author().isEmpty() ? "(author not given)" : Text.line(rule.author()));
        List<String> attack = rule.tags().stream().filter(t -> t.toLowerCase(Locale.ROOT).startsWith("attack.")).toList();
        line(text, "ATT&CK", attack);
        line(text, "References", rule.references());
        line(text, "False positives", rule.falsePositives());
        return text.toString();
    }

    private static void line(StringBuilder text, String label, List<String> values) {
        if (!values.isEmpty()) {
            text.append('\n').append(label).append(": ")
                    .append(String.join(", ", values.stream().limit(20).map(Text::line).toList()));
        }
    }
}
