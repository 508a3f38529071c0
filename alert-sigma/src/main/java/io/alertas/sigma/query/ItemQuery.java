package io.alertas.sigma.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.Texts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One detection item ({@code Field|modifiers: values}) as a query: each value on each of the field's targets (any
 * target), the values any of them, or all with {@code |all}. Text matches regardless of case unless {@code |cased}.
 */
final class ItemQuery {

    private static final Pattern PLACEHOLDER = Pattern.compile("%([^%\\s]+)%");
    private static final int MAX_EXPANSIONS = 1000;

    private final Modifiers modifiers;
    private final Context context;

    private ItemQuery(Modifiers modifiers, Context context) {
        this.modifiers = modifiers;
        this.context = context;
    }

    /**
     * The query of {@code values} under {@code modifiers}; {@code field} is where keywords search, and
     * {@code conjunctive} says whether every match of the detection needs this item (only then can a hit check
     * stand for it).
     */
    static JsonNode query(Modifiers modifiers, List<JsonNode> values, Context context, boolean conjunctive)
            throws SigmaException {
        ItemQuery item = new ItemQuery(modifiers, context);
        if (modifiers.has("fieldref")) {
            return FieldRefs.query(modifiers, values, context, conjunctive);
        }
        if (modifiers.has("exists")) {
            return item.exists(values);
        }
        List<String> targets = modifiers.field().isEmpty() ? List.of("message") : context.targets(modifiers.field());
        List<JsonNode> perValue = new ArrayList<>();
        for (JsonNode value : values) {
            perValue.add(item.value(value, targets));
        }
        return modifiers.has("all") ? Dsl.all(perValue) : Dsl.any(perValue);
    }

    private JsonNode exists(List<JsonNode> values) throws SigmaException {
        if (values.size() != 1 || !(values.get(0).isBoolean() || values.get(0).asText().matches("(?i)true|false"))) {
            throw new SigmaException(Reason.INVALID, Texts.quote(modifiers.written()) + " takes true or false");
        }
        List<JsonNode> exists = new ArrayList<>();
        for (String target : context.targets(modifiers.field())) {
            exists.add(Dsl.exists(target));
        }
        JsonNode any = Dsl.any(exists);
        return values.get(0).asText().equalsIgnoreCase("true") ? any : Dsl.not(any);
    }

    private JsonNode value(JsonNode value, List<String> targets) throws SigmaException {
        if (value.isNull()) {
            List<JsonNode> exists = new ArrayList<>();
            targets.forEach(target -> exists.add(Dsl.exists(target)));
            return Dsl.not(Dsl.any(exists));
        }
        if (!value.isValueNode()) {
            throw new SigmaException(Reason.INVALID, Texts.quote(modifiers.written())
                    + " must have a value or a list of values, not a mapping or nested list");
        }
        if (value.isNumber() && !value.canConvertToLong() && !(value.isFloatingPointNumber() && Double.isFinite(value.asDouble()))) {
            throw new SigmaException(Reason.INVALID, Texts.quote(modifiers.written()) + ": the number "
                    + Texts.quote(value.asText()) + " is beyond what a field holds (a 64-bit integer or a double)");
        }
        List<JsonNode> queries = new ArrayList<>();
        for (String target : targets) {
            queries.addAll(onTarget(value, target));
        }
        return Dsl.any(queries);
    }

    private List<JsonNode> onTarget(JsonNode value, String target) throws SigmaException {
        String comparison = modifiers.comparison();
        if (comparison != null) {
            if (!value.isNumber() && !value.asText().matches("-?[0-9]{1,18}(\\.[0-9]{1,9})?")) {
                throw new SigmaException(Reason.INVALID, Texts.quote(modifiers.written()) + " compares with a number, not "
                        + Texts.quote(value.asText()));
            }
            return List.of(Dsl.range(target, comparison, value.isNumber() ? value
                    : JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(value.asText()))));
        }
        if (modifiers.has("cidr")) {
            return List.of(Dsl.leaf("term", target, JsonNodeFactory.instance.textNode(Cidr.checked(value.asText())), false));
        }
        if (modifiers.has("re")) {
            RegexTranslator.Translated regex = RegexTranslator.translate(value.asText(), modifiers.has("i"),
                    modifiers.has("m"), modifiers.has("s"));
            boolean caseInsensitive = regex.caseInsensitive() && !modifiers.has("cased");
            return List.of(Dsl.leaf("regexp", target, JsonNodeFactory.instance.textNode(regex.regexp()), caseInsensitive));
        }
        if ((value.isNumber() || value.isBoolean()) && !modifiers.searchesText()) {
            return List.of(Dsl.leaf("term", target, value, false));
        }
        List<JsonNode> queries = new ArrayList<>();
        for (SigmaString text : texts(value.asText())) {
            queries.add(leaf(target, text, !modifiers.has("cased") && !modifiers.encoded()));
        }
        return queries;
    }

    /** The texts one value stands for, after expand, the encodings, windash and contains/startswith/endswith. */
    private List<SigmaString> texts(String raw) throws SigmaException {
        List<SigmaString> texts = new ArrayList<>();
        for (String expanded : expand(raw)) {
            SigmaString text = SigmaString.parse(expanded);
            List<SigmaString> spelled = modifiers.encoded() || modifiers.width() != null ? encoded(text)
                    : modifiers.has("windash") ? text.windash() : List.of(text);
            context.written(spelled.size());
            texts.addAll(spelled);
        }
        boolean before = modifiers.has("contains") || modifiers.has("endswith") || modifiers.has("base64offset");
        boolean after = modifiers.has("contains") || modifiers.has("startswith") || modifiers.has("base64offset");
        List<SigmaString> placed = new ArrayList<>();
        texts.forEach(text -> placed.add(text.withStar(before, after)));
        return placed;
    }

    private List<String> expand(String raw) throws SigmaException {
        List<String> spellings = new ArrayList<>(List.of(raw));
        if (!modifiers.has("expand")) {
            return spellings;
        }
        Matcher placeholder = PLACEHOLDER.matcher(raw);
        while (placeholder.find()) {
            List<String> values = context.placeholder(placeholder.group(1));
            List<String> next = new ArrayList<>();
            for (String spelling : spellings) {
                for (String value : values) {
                    next.add(spelling.replace(placeholder.group(), value));
                }
            }
            if (next.size() > MAX_EXPANSIONS) {
                throw modifiers.unsupported("its placeholders expand to more than " + MAX_EXPANSIONS + " values");
            }
            spellings = next;
        }
        return spellings;
    }

    private List<SigmaString> encoded(SigmaString text) throws SigmaException {
        if (text.hasWildcards()) {
            throw modifiers.unsupported("a value with wildcards cannot be encoded: " + Texts.quote(text.wildcard()));
        }
        if (!modifiers.encoded()) {
            throw modifiers.unsupported(modifiers.width() + " without base64 or base64offset searches for bytes no text field holds");
        }
        byte[] bytes = text.text().getBytes(StandardCharsets.UTF_8);
        if (modifiers.width() != null) {
            bytes = switch (modifiers.width()) {
                case "utf16be" -> Encodings.utf16be(bytes);
                case "utf16" -> Encodings.utf16(bytes);
                default -> Encodings.utf16le(bytes);
            };
        }
        List<String> encodings = modifiers.has("base64offset") ? Encodings.base64Offsets(bytes)
                : List.of(Encodings.base64(bytes));
        List<SigmaString> texts = new ArrayList<>();
        encodings.forEach(encoding -> texts.add(SigmaString.literal(encoding)));
        return texts;
    }

    /** A term, prefix or wildcard query as the text needs, with the case flag where it has letters to fold. */
    static JsonNode leaf(String target, SigmaString text, boolean foldCase) {
        boolean caseInsensitive = foldCase && text.hasLetters();
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (!text.hasWildcards()) {
            return Dsl.leaf("term", target, json.textNode(text.text()), caseInsensitive);
        }
        if (text.isPrefix()) {
            return Dsl.leaf("prefix", target, json.textNode(text.prefix()), caseInsensitive);
        }
        return Dsl.leaf("wildcard", target, json.textNode(text.wildcard()), caseInsensitive);
    }
}
