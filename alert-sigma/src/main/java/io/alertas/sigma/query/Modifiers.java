package io.alertas.sigma.query;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A detection item's key split: the Sigma field and its modifiers ({@code CommandLine|contains|all}), each checked
 * to be one this converter knows.
 */
record Modifiers(String field, List<String> names) {

    private static final Set<String> KNOWN = Set.of("contains", "startswith", "endswith", "all", "re", "i", "m", "s",
            "windash", "cidr", "base64", "base64offset", "utf16le", "utf16be", "wide", "utf16", "exists", "gt", "gte",
            "lt", "lte", "fieldref", "cased", "expand");
    private static final List<String> COMPARISONS = List.of("gt", "gte", "lt", "lte");
    private static final List<String> WIDTHS = List.of("utf16le", "utf16be", "wide", "utf16");

    Modifiers {
        names = List.copyOf(names);
    }

    static Modifiers parse(String key) throws SigmaException {
        String[] parts = key.split("\\|", -1);
        List<String> names = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i].toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(name)) {
                throw new SigmaException(Reason.UNSUPPORTED_MODIFIER, "the modifier " + Texts.quote(parts[i])
                        + " (in " + Texts.quote(key) + ") is not supported");
            }
            names.add(name);
        }
        return new Modifiers(parts[0], names);
    }

    boolean has(String name) {
        return names.contains(name);
    }

    /** The range operator of gt, gte, lt or lte, or null. */
    String comparison() {
        return names.stream().filter(COMPARISONS::contains).findFirst().orElse(null);
    }

    /** The UTF-16 modifier (wide is utf16le), or null. */
    String width() {
        return names.stream().filter(WIDTHS::contains).findFirst().orElse(null);
    }

    boolean encoded() {
        return has("base64") || has("base64offset");
    }

    /** The modifiers that make the value a text to search for, rather than a whole value. */
    boolean searchesText() {
        return has("contains") || has("startswith") || has("endswith") || has("windash") || has("re") || encoded()
                || has("expand") || width() != null;
    }

    /** The key as written, for messages. */
    String written() {
        return names.isEmpty() ? field : field + "|" + String.join("|", names);
    }

    SigmaException unsupported(String why) {
        return new SigmaException(Reason.UNSUPPORTED_MODIFIER, Texts.quote(written()) + ": " + why);
    }
}
