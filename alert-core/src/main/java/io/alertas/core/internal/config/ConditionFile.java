package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.Placeholders;
import io.alertas.core.internal.QueryTemplate;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Param;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An alerts.d file of a query and a condition: an index, a query (with the same placeholders as any query), a
 * condition on the answer, messages and the params it declares with their defaults. Its evaluator is a
 * {@link JsonAlert}.
 */
final class ConditionFile implements AlertFile {

    /** The keys of the file besides the settings of an alerts.json entry. */
    private static final Set<String> KEYS = Set.of(
            "description", "index", "query", "condition", "message", "summary", "key", "params");
    /** All the keys of the file. */
    private static final SortedSet<String> KNOWN = AlertSettings.keysAnd(KEYS);
    private static final List<String> CONDITION_KEYS = List.of("buckets", "op", "path", "value");
    private static final Set<String> PARAM_KEYS = new TreeSet<>(
            List.of("type", "default", "description", "min", "max", "non_empty", "one_of"));

    @Override
    public Declared declare(String name, LocatedJson file, List<Problem> problems) {
        SettingReader root = new SettingReader(file, file.root(), "", name, problems);
        if (!file.root().isObject()) {
            root.problem("must hold a JSON object with \"index\", \"query\", \"condition\" and \"message\"");
            return null;
        }
        int before = problems.size();
        String index = root.text("index", true);
        String message = root.text("message", true);
        String description = root.text("description", false);
        String summary = root.text("summary", false);
        String key = root.text("key", false);
        JsonNode query = file.root().path("query");
        if (!query.isObject()) {
            root.problem("query", "\"query\" must be the search request body, a JSON object");
        }
        JsonAlert.Condition condition = condition(root.child("condition"));
        List<Param> params = params(root.child("params"));
        if (problems.size() > before) {
            return null;
        }
        QueryTemplate template = new QueryTemplate(file.name(), query);
        checkPlaceholders(file, name, template, params, problems);
        if (problems.size() > before) {
            return null;
        }
        AlertDefinition.Builder definition = AlertDefinition.builder(name)
                .description(description == null ? "" : description)
                .index(index)
                .evaluator(new JsonAlert(condition, message,
                        summary == null ? name : summary, key == null ? "{{key}}" : key));
        params.forEach(definition::param);
        return new Declared(definition.build(), KEYS, KNOWN, template);
    }

    /**
     * The params the file declares under {@code "params"}: each value is the param's default, its type
     * read from it ({@code 5} an integer, {@code 0.8} a number, {@code ["a"]} a list of strings, ...), or an
     * object {@code {"type": "number", "default": 0.8, "min": 0, "max": 1}} that declares the type and
     * constraints ({@code min}, {@code max}, {@code non_empty}, {@code one_of}, {@code description}).
     */
    private static List<Param> params(SettingReader given) {
        List<Param> params = new ArrayList<>();
        if (given.object().isMissingNode()) {
            return params;
        }
        if (!given.object().isObject()) {
            given.problem("\"params\" must be an object of params and their defaults");
            return params;
        }
        given.object().fields().forEachRemaining(entry -> {
            try {
                params.add(param(entry.getKey(), entry.getValue()));
            } catch (IllegalArgumentException e) {
                given.problem(entry.getKey(), e.getMessage());
            }
        });
        return params;
    }

    private static Param param(String name, JsonNode value) {
        if (value.isObject() && value.has("type") && value.has("default")) {
            Param.Type type = Param.Type.ofLabel(value.get("type").asText()).orElseThrow(() -> new IllegalArgumentException(
                    "param \"" + name + "\": \"type\" must be one of " + String.join(", ", Arrays.stream(Param.Type.values()).map(Param.Type::label).toList())));
            value.fieldNames().forEachRemaining(f -> {
                if (!PARAM_KEYS.contains(f)) {
                    throw new IllegalArgumentException("param \"" + name + "\": unknown key \"" + f + "\"; known: "
                            + String.join(", ", PARAM_KEYS));
                }
            });
            Param param = Param.ofJson(name, type, value.get("default"));
            param = param.description(value.path("description").asText(""));
            if (value.has("min")) {
                param = param.atLeast(value.get("min").asDouble());
            }
            if (value.has("max")) {
                param = param.atMost(value.get("max").asDouble());
            }
            if (value.path("non_empty").asBoolean(false)) {
                param = param.nonEmpty();
            }
            if (value.has("one_of")) {
                List<String> options = new ArrayList<>();
                value.get("one_of").forEach(o -> options.add(o.asText()));
                param = param.oneOf(options.toArray(String[]::new));
            }
            return param;
        }
        Param.Type type;
        if (value.isIntegralNumber()) {
            type = Param.Type.INTEGER;
        } else if (value.isNumber()) {
            type = Param.Type.NUMBER;
        } else if (value.isTextual()) {
            type = Param.Type.STRING;
        } else if (value.isBoolean()) {
            type = Param.Type.BOOLEAN;
        } else if (value.isArray()) {
            type = Param.Type.STRINGS;
        } else if (value.isObject()) {
            type = Param.Type.OBJECT;
        } else {
            throw new IllegalArgumentException("param \"" + name
                    + "\" needs a default: a number, string, boolean, list of strings or object");
        }
        return Param.ofJson(name, type, value);
    }

    /** Every {@code {{...}}} in the query and messages must name a declared param, a window bound or a field. */
    private static void checkPlaceholders(LocatedJson file, String name, QueryTemplate query, List<Param> params,
            List<Problem> problems) {
        ObjectNode declared = JsonNodeFactory.instance.objectNode();
        params.forEach(p -> declared.set(p.name(), p.defaultValue()));
        query.check(declared).forEach(m -> problems.add(
                new Problem(file.at("/query" + m.pointer()), name, "the query " + m.message())));
        for (String pointer : List.of("/message", "/summary", "/key", "/condition/value")) {
            String key = pointer.substring(pointer.lastIndexOf('/') + 1);
            Placeholders.names(file.root().at(pointer).asText("")).stream().filter(p -> p.startsWith("params."))
                    .forEach(p -> QueryTemplate.misuse(p, declared).ifPresent(problem -> problems.add(
                            new Problem(file.at(pointer), name, "\"" + key + "\" " + problem))));
        }
    }

    private static JsonAlert.Condition condition(SettingReader condition) {
        if (!condition.object().isObject()) {
            condition.problem("\"condition\" must be an object such as {\"path\": \"hits.total.value\", \"op\": \"gt\","
                    + " \"value\": 0}");
            return null;
        }
        condition.unknown("condition key", CONDITION_KEYS);
        String buckets = condition.text("buckets", false);
        String path = condition.text("path", true);
        String op = condition.text("op", true);
        if (op != null && !JsonAlert.OPERATORS.contains(op)) {
            condition.problem("op", "\"op\" must be one of " + String.join(", ", JsonAlert.OPERATORS));
        }
        JsonNode value = condition.object().path("value");
        boolean numeric = op == null || !op.equals("eq") && !op.equals("ne");
        boolean param = value.isTextual() && JsonAlert.param(value) != null;
        if (value.isMissingNode() || !(value.isNumber() || param || !numeric && value.isTextual())) {
            condition.problem("value", "\"value\" must be a number" + (numeric ? "" : " or a string")
                    + ", or a param such as \"{{params.threshold}}\"");
        } else if (value.isNumber()) {
            Param.number("value", 0).problem(value).ifPresent(problem -> condition.problem("value", "\"value\" " + problem));
        }
        return new JsonAlert.Condition(buckets, path, op, value);
    }
}
