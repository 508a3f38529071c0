package io.alertas.sigma.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.SigmaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code Field|fieldref: Other}: the field equals another field of the same event, which no query of the DSL can
 * say. The query asks that both fields exist; a hit check compares their values in each hit's {@code _source}. A
 * hit check only narrows the hits of the whole detection, so it can stand for an item that every match needs, or
 * for one that every match must not meet ({@code and not filter}, the filter that one fieldref), but not for one of
 * several alternatives.
 */
final class FieldRefs {

    private FieldRefs() {
    }

    static JsonNode query(Modifiers modifiers, List<JsonNode> values, Context context, boolean conjunctive)
            throws SigmaException {
        if (!conjunctive) {
            throw modifiers.unsupported("fieldref is supported only where every match needs it or must not meet it "
                    + "(not among alternatives): its comparison is a check on each hit, after the query");
        }
        List<List<String>> references = references(modifiers, values, context);
        List<String> fieldTargets = context.targets(modifiers.field());
        List<JsonNode> any = new ArrayList<>();
        references.forEach(refTargets -> any.add(Dsl.all(List.of(exists(fieldTargets), exists(refTargets)))));
        context.addHitCheck(check(modifiers, fieldTargets, references));
        return modifiers.has("all") ? Dsl.all(any) : Dsl.any(any);
    }

    /**
     * {@code not} of the item, where every match must not meet it: no query (an event missing either field is no
     * equal pair, so it stays), and a hit check that the values differ.
     */
    static JsonNode excluded(Modifiers modifiers, List<JsonNode> values, Context context) throws SigmaException {
        List<List<String>> references = references(modifiers, values, context);
        context.addHitCheck(check(modifiers, context.targets(modifiers.field()), references).negate());
        return Dsl.matchAll();
    }

    private static Predicate<JsonNode> check(Modifiers modifiers, List<String> fieldTargets, List<List<String>> references) {
        boolean all = modifiers.has("all");
        boolean cased = modifiers.has("cased");
        return source -> {
            Predicate<List<String>> equal = refTargets -> equal(source, fieldTargets, refTargets, cased);
            return all ? references.stream().allMatch(equal) : references.stream().anyMatch(equal);
        };
    }

    private static List<List<String>> references(Modifiers modifiers, List<JsonNode> values, Context context)
            throws SigmaException {
        if (modifiers.names().stream().anyMatch(name -> !List.of("fieldref", "all", "cased").contains(name))) {
            throw modifiers.unsupported("fieldref compares whole values and takes no other modifier but all and cased");
        }
        List<List<String>> references = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                throw modifiers.unsupported("fieldref names another field, not " + value);
            }
            references.add(context.targets(value.asText()));
        }
        return references;
    }

    private static JsonNode exists(List<String> targets) {
        List<JsonNode> exists = new ArrayList<>();
        targets.forEach(target -> exists.add(Dsl.exists(target)));
        return Dsl.any(exists);
    }

    private static boolean equal(JsonNode source, List<String> fieldTargets, List<String> refTargets, boolean cased) {
        for (String field : fieldTargets) {
            for (JsonNode value : SourceValues.of(source, field)) {
                for (String ref : refTargets) {
                    for (JsonNode other : SourceValues.of(source, ref)) {
                        if (text(value, cased).equals(text(other, cased))) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static String text(JsonNode value, boolean cased) {
        return cased ? value.asText() : value.asText().toLowerCase(Locale.ROOT);
    }
}
