package io.alertas.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one placeholder syntax of queries, alerts.d messages and conditions: {@code {{NAME}}}, spaces inside
 * the braces allowed ({@code {{ window.end }}}); NAME is {@code window.start}, {@code window.end},
 * {@code params.NAME}, or in alerts.d messages a dotted path into the answer.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

    private Placeholders() {
    }

    /** The names of the placeholders in {@code text}, in order. */
    public static List<String> names(String text) {
        if (!text.contains("{{")) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The name when {@code text} is one placeholder and nothing else, such as {@code "{{params.users}}"}. */
    public static Optional<String> whole(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** {@code text} with each placeholder replaced by the text {@code value} gives for its name. */
    public static String replace(String text, Function<String, String> value) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
