package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One setting an alert declares: its name, type, default, description and constraints. The loader checks
 * every value given in {@code alerts.json} against it before a pass runs, so an evaluator reads values
 * that are present and of the declared type.
 *
 * <p>Start from a factory such as {@code Param.number("threshold", 0.9)}, then narrow it:
 * {@code .between(0, 1).description("the fraction above which a host fires")}. Each method returns a new
 * param; a param is immutable and never null in any part. Durations are written as in the config files
 * ({@code "10m"}, {@code "2h"}) and are at most {@link Durations#MAX}; numbers and integers are at most
 * 10^15 in size, whatever the declared range.
 */
public final class Param {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest number (either sign) a number or integer param holds: a count or threshold past it is a typo. */
    private static final double LARGEST = 1e15;

    /** What a param's value must be. */
    public enum Type {
        NUMBER("a number"),
        INTEGER("an integer"),
        STRING("a string"),
        STRINGS("a list of strings"),
        DURATION("a duration like \"90s\", \"30m\", \"2h\", \"1d\""),
        BOOLEAN("true or false"),
        OBJECT("a JSON object");

        private final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        /** The name users write, such as {@code "number"} or {@code "strings"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type labelled {@code label}, if any. */
        public static Optional<Type> ofLabel(String label) {
            for (Type type : values()) {
                if (type.label().equals(label)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    private final String name;
    private final Type type;
    private final JsonNode defaultValue;
    private final String description;
    private final Double min;
    private final Double max;
    private final boolean nonEmpty;
    private final List<String> oneOf;

    private Param(String name, Type type, JsonNode defaultValue, String description, Double min, Double max,
            boolean nonEmpty, List<String> oneOf) {
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
        this.defaultValue = requireNonNull(defaultValue, "defaultValue is null").deepCopy();
        this.description = requireNonNull(description, "description is null");
        this.min = min;
        this.max = max;
        this.nonEmpty = nonEmpty;
        this.oneOf = List.copyOf(oneOf);
        if (name.isBlank()) {
            throw new IllegalArgumentException("param name is blank");
        }
        problem(this.defaultValue).ifPresent(p -> {
            throw new IllegalArgumentException("param \"" + name + "\": the default " + p);
        });
    }

    private static Param of(String name, Type type, JsonNode defaultValue) {
        return new Param(name, type, defaultValue, "", null, null, false, List.of());
    }

    /** A decimal number, such as a fraction or a factor. */
    public static Param number(String name, double defaultValue) {
        return of(name, Type.NUMBER, JsonNodeFactory.instance.numberNode(defaultValue));
    }

    /** A whole number, such as a count. */
    public static Param integer(String name, long defaultValue) {
        return of(name, Type.INTEGER, JsonNodeFactory.instance.numberNode(defaultValue));
    }

    public static Param string(String name, String defaultValue) {
        return of(name, Type.STRING, JsonNodeFactory.instance.textNode(requireNonNull(defaultValue, "defaultValue is null")));
    }

    /** A list of strings, such as user names. */
    public static Param strings(String name, List<String> defaultValue) {
        ArrayNode strings = JsonNodeFactory.instance.arrayNode();
        List.copyOf(defaultValue).forEach(strings::add);   // built as nodes: no serializer is set up for it
        return of(name, Type.STRINGS, strings);
    }

    public static Param duration(String name, Duration defaultValue) {
        return of(name, Type.DURATION, JsonNodeFactory.instance.textNode(Durations.format(defaultValue)));
    }

    public static Param bool(String name, boolean defaultValue) {
        return of(name, Type.BOOLEAN, JsonNodeFactory.instance.booleanNode(defaultValue));
    }

    /** A JSON object handed to the evaluator and the query as it is, such as a query clause. */
    public static Param object(String name, Map<String, ?> defaultValue) {
        return of(name, Type.OBJECT, JSON.valueToTree(defaultValue));
    }

    /**
     * A param of {@code type} whose default is {@code defaultValue} as JSON, for alerts declared in files.
     *
     * @throws IllegalArgumentException saying what the default must be, when it is not of the type
     */
    public static Param ofJson(String name, Type type, JsonNode defaultValue) {
        return of(name, type, defaultValue);
    }

    /** One sentence saying what the param changes; shown by {@code list --params} and in docs/alerts.md. */
    public Param description(String description) {
        return new Param(name, type, defaultValue, description, min, max, nonEmpty, oneOf);
    }

    /** A number or integer at least {@code min} and at most {@code max}. */
    public Param between(double min, double max) {
        requireNumeric();
        return new Param(name, type, defaultValue, description, min, max, nonEmpty, oneOf);
    }

    /** A number or integer at least {@code min}. */
    public Param atLeast(double min) {
        requireNumeric();
        return new Param(name, type, defaultValue, description, min, max, nonEmpty, oneOf);
    }

    /** A number or integer at most {@code max}. */
    public Param atMost(double max) {
        requireNumeric();
        return new Param(name, type, defaultValue, description, min, max, nonEmpty, oneOf);
    }

    /** A string that is not blank, or a list with at least one item. */
    public Param nonEmpty() {
        return new Param(name, type, defaultValue, description, min, max, true, oneOf);
    }

    /** A string that is one of {@code values}. */
    public Param oneOf(String... values) {
        if (type != Type.STRING) {
            throw new IllegalArgumentException("param \"" + name + "\" is not a string; oneOf is for strings");
        }
        return new Param(name, type, defaultValue, description, min, max, nonEmpty, List.of(values));
    }

    private void requireNumeric() {
        if (type != Type.NUMBER && type != Type.INTEGER) {
            throw new IllegalArgumentException("param \"" + name + "\" is not a number; a range is for numbers");
        }
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The value used when alerts.json gives none; of the declared type. */
    public JsonNode defaultValue() {
        return defaultValue.deepCopy();
    }

    public String description() {
        return description;
    }

    /**
     * What is wrong with {@code value} for this param, such as {@code "must be a number"} or
     * {@code "must be between 0 and 1, not 1.5"}; empty when it fits. Never quotes more than a short value.
     */
    public Optional<String> problem(JsonNode value) {
        if (type == Type.DURATION && value.isTextual()) {
            Optional<String> tooLong = Durations.problem(value, true).filter(p -> !p.equals(Durations.EXPECTED));
            if (tooLong.isPresent()) {
                return tooLong;
            }
        }
        boolean fits = switch (type) {
            case NUMBER -> value.isNumber() && !Double.isNaN(value.asDouble()); // an infinity is past the size below
            case INTEGER -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case STRING -> value.isTextual();
            case STRINGS -> value.isArray() && allText(value);
            case DURATION -> value.isTextual() && Durations.parse(value) != null;
            case BOOLEAN -> value.isBoolean();
            case OBJECT -> value.isObject();
        };
        if (!fits) {
            return Optional.of("must be " + type.expected + ", not " + shown(value));
        }
        if ((type == Type.NUMBER || type == Type.INTEGER) && Math.abs(value.asDouble()) > LARGEST) {
            return Optional.of("must be at most " + number(LARGEST) + " in size, not " + shown(value));
        }
        if (min != null && value.asDouble() < min || max != null && value.asDouble() > max) {
            return Optional.of("must be " + range() + ", not " + shown(value));
        }
        if (nonEmpty && (value.isArray() ? value.isEmpty() : value.isTextual() && value.asText().isBlank())) {
            return Optional.of("must not be empty");
        }
        if (!oneOf.isEmpty() && !oneOf.contains(value.asText())) {
            return Optional.of("must be one of " + String.join(", ", oneOf.stream().map(o -> "\"" + o + "\"").toList())
                    + ", not " + shown(value));
        }
        return Optional.empty();
    }

    /** The constraints in words, such as {@code "between 0 and 1"}; empty when there are none. */
    public String constraints() {
        List<String> parts = new ArrayList<>();
        if (min != null || max != null) {
            parts.add(range());
        }
        if (nonEmpty) {
            parts.add("not empty");
        }
        if (!oneOf.isEmpty()) {
            parts.add("one of " + String.join(", ", oneOf));
        }
        return String.join("; ", parts);
    }

    private String range() {
        if (max == null) {
            return "at least " + number(min);
        }
        return min == null ? "at most " + number(max) : "between " + number(min) + " and " + number(max);
    }

    private static String number(double n) {
        return n == Math.rint(n) && Math.abs(n) <= LARGEST ? Long.toString((long) n) : Double.toString(n);
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String shown(JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText();
            return text.length() > 40 ? "a string of " + text.length() + " characters" : "\"" + text + "\"";
        }
        if (value.isNumber() || value.isBoolean() || value.isNull()) {
            return value.toString();
        }
        return value.isArray() ? "a list" : "an object";
    }

    @Override
    public String toString() {
        return name + " (" + type.label() + ", default " + defaultValue + ")";
    }
}
