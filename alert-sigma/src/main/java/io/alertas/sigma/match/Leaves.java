package io.alertas.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.Texts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The leaf queries, each built once from its JSON: the field's path, the value folded and parsed as it must be, the
 * pattern compiled; a leaf matches when any value of its field does.
 */
final class Leaves {

    private static final Set<String> LEAF_KEYS = Set.of("value", "case_insensitive", "boost", "_name", "rewrite",
            "max_determinized_states");
    private static final Set<String> RANGE_KEYS = Set.of("gt", "gte", "lt", "lte", "boost", "_name");

    /** A test of one scalar value. */
    private interface ValueTest extends Predicate<JsonNode> {
    }

    private Leaves() {
    }

    /** A term, prefix, wildcard or regexp query: {@code {"FIELD": {"value": V, "case_insensitive": B}}} or {@code {"FIELD": V}}. */
    static Predicate<JsonNode> textual(String kind, JsonNode body) {
        Map.Entry<String, JsonNode> field = onlyField(kind, body);
        JsonNode spec = field.getValue();
        JsonNode value = spec;
        boolean caseInsensitive = false;
        if (spec.isObject()) {
            spec.fieldNames().forEachRemaining(key -> {
                if (!LEAF_KEYS.contains(key)) {
                    throw new IllegalArgumentException(kind + " on " + Texts.quote(field.getKey()) + ": the parameter "
                            + Texts.quote(key) + " is not matched in Java");
                }
            });
            value = spec.get("value");
            caseInsensitive = spec.path("case_insensitive").asBoolean(false);
        }
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new IllegalArgumentException(kind + " on " + Texts.quote(field.getKey()) + " has no value");
        }
        ValueTest test = switch (kind) {
            case "term" -> term(value, caseInsensitive);
            case "prefix" -> prefix(Values.text(value), caseInsensitive);
            case "wildcard" -> {
                Wildcard wildcard = new Wildcard(Values.text(value), caseInsensitive);
                yield one -> wildcard.matches(Values.text(one));
            }
            default -> {
                Pattern pattern = LuceneRegex.compile(Values.text(value), caseInsensitive);
                yield one -> regexp(pattern, Values.text(one));
            }
        };
        return anyValue(new FieldPath(field.getKey()), test);
    }

    /** {@code {"FIELD": [V, ...]}}: any of the values, as terms minding case. */
    static Predicate<JsonNode> terms(JsonNode body) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        body.properties().forEach(entry -> {
            if (!entry.getKey().equals("boost") && !entry.getKey().equals("_name")) {
                fields.add(entry);
            }
        });
        if (fields.size() != 1 || !fields.get(0).getValue().isArray()) {
            throw new IllegalArgumentException("terms must name one field with a list of values");
        }
        List<ValueTest> tests = new ArrayList<>();
        fields.get(0).getValue().forEach(value -> tests.add(term(value, false)));
        return anyValue(new FieldPath(fields.get(0).getKey()), one -> {
            for (ValueTest test : tests) {
                if (test.test(one)) {
                    return true;
                }
            }
            return false;
        });
    }

    static Predicate<JsonNode> range(JsonNode body) {
        Map.Entry<String, JsonNode> field = onlyField("range", body);
        JsonNode bounds = field.getValue();
        List<ValueTest> tests = new ArrayList<>();
        bounds.properties().forEach(bound -> {
            if (!RANGE_KEYS.contains(bound.getKey())) {
                throw new IllegalArgumentException("range on " + Texts.quote(field.getKey()) + ": the parameter "
                        + Texts.quote(bound.getKey()) + " is not matched in Java");
            }
            if (bound.getKey().startsWith("g") || bound.getKey().startsWith("l")) {
                tests.add(bound(bound.getKey(), bound.getValue(), field.getKey()));
            }
        });
        return anyValue(new FieldPath(field.getKey()), one -> {
            for (ValueTest test : tests) {
                if (!test.test(one)) {
                    return false;
                }
            }
            return true;
        });
    }

    static Predicate<JsonNode> exists(JsonNode body) {
        JsonNode field = body.get("field");
        if (field == null || !field.isTextual() || body.size() > 1 + (body.has("boost") ? 1 : 0)) {
            throw new IllegalArgumentException("exists must name one field: {\"field\": \"NAME\"}");
        }
        FieldPath path = new FieldPath(field.asText());
        return path::exists;
    }

    private static ValueTest term(JsonNode value, boolean caseInsensitive) {
        String text = Values.text(value);
        IpNetwork network = IpNetwork.parse(text);
        BigDecimal number = Values.number(value);
        String wanted = caseInsensitive ? Values.fold(text) : text;
        return one -> {
            if (one.isNumber()) {
                BigDecimal held = Values.number(one);
                return number != null && held != null && held.compareTo(number) == 0;
            }
            String held = Values.text(one);
            if (network != null && network.contains(held)) {
                return true;
            }
            return caseInsensitive ? Values.equalsFolded(wanted, held) : wanted.equals(held);
        };
    }

    /**
     * Java's matcher recurses once per repetition of a group with alternatives ({@code (a|b)*}): on a long value the
     * stack can run out, which says nothing of whether the value matches.
     */
    private static boolean regexp(Pattern pattern, String value) {
        try {
            return pattern.matcher(BudgetedText.of(value)).matches();
        } catch (StackOverflowError deep) {
            throw new UndecidedMatchException("a regular expression recursed too deep on a value of " + value.length()
                    + " characters");
        }
    }

    private static ValueTest prefix(String prefix, boolean caseInsensitive) {
        String wanted = caseInsensitive ? Values.fold(prefix) : prefix;
        return one -> {
            String held = Values.text(one);
            return caseInsensitive ? Values.startsWithFolded(held, wanted) : held.startsWith(wanted);
        };
    }

    /** One bound; a number compares with a value that is or spells a number, text with text in code-unit order. */
    private static ValueTest bound(String operator, JsonNode limit, String field) {
        if (!limit.isValueNode() || limit.isNull()) {
            throw new IllegalArgumentException("range on " + Texts.quote(field) + ": " + operator + " needs a value");
        }
        BigDecimal number = Values.number(limit);
        String text = Values.text(limit);
        return one -> {
            BigDecimal held = Values.number(one);
            int order;
            if (number != null && held != null) {
                order = held.compareTo(number);
            } else if (number == null && !one.isNumber()) {
                order = Values.text(one).compareTo(text);
            } else {
                return false;
            }
            return switch (operator) {
                case "gt" -> order > 0;
                case "gte" -> order >= 0;
                case "lt" -> order < 0;
                default -> order <= 0;
            };
        };
    }

    private static Predicate<JsonNode> anyValue(FieldPath path, ValueTest test) {
        return source -> path.anyValue(source, test);
    }

    private static Map.Entry<String, JsonNode> onlyField(String kind, JsonNode body) {
        if (!body.isObject() || body.size() != 1) {
            throw new IllegalArgumentException(kind + " must name exactly one field");
        }
        return body.properties().iterator().next();
    }
}
