package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.Placeholders;
import io.alertas.core.internal.QueryTemplate;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Param;
import io.alertas.spi.Query;
import io.alertas.spi.rules.RuleType;
import io.alertas.spi.rules.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Alerts defined with no Java, one per file {@code alerts.d/NAME.json}: either an index, a query (with the same
 * placeholders as any query), a condition, messages and the params it declares with their defaults; or an
 * index, a rule {@code "type"} and the rule's settings. Both take the settings an entry of alerts.json takes.
 */
final class JsonAlerts {

    static final String DIR = "alerts.d";
    static final String MODULE = "alerts.d";
    /** The keys of a JSON alert besides the settings of an alerts.json entry. */
    static final Set<String> KEYS = Set.of(
            "description", "index", "query", "condition", "message", "summary", "key", "params");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** The keys of a rule's file besides its type's settings and the settings of an alerts.json entry. */
    static final Set<String> RULE_KEYS = Set.of("description", "index", "type");

    /** One file's alert, with the file for its settings and their places, and the keys the file may hold besides those. */
    record Loaded(Plugin plugin, LocatedJson file, Set<String> keys) {
    }

    private JsonAlerts() {
    }

    static List<Loaded> load(Path configDir, List<Problem> problems) {
        Path dir = configDir.resolve(DIR);
        List<Loaded> loaded = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return loaded;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(dir.toString(), null, "cannot be listed: " + e.getMessage()));
            return loaded;
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - ".json".length());
            String shown = DIR + "/" + fileName;
            if (!NAME.matcher(name).matches()) {
                problems.add(new Problem(shown, null, "the file name must be the alert's name: letters, digits, '_', '.' or '-'"));
                continue;
            }
            try {
                String text = ConfigLoader.readText(file, shown, name, problems);
                if (text == null) {
                    continue;
                }
                LocatedJson json = LocatedJson.parse(shown, text);
                boolean rule = json.root().has("type");
                AlertDefinition definition = rule ? rule(name, json, problems) : definition(name, json, problems);
                if (definition != null) {
                    Set<String> keys = new TreeSet<>(rule ? RULE_KEYS : KEYS);
                    if (rule) {
                        keys.addAll(RuleType.ofLabel(json.root().get("type").asText()).orElseThrow().settings());
                    }
                    loaded.add(new Loaded(new Plugin(MODULE, shown, List.of(definition)), json, keys));
                }
            } catch (ConfigException e) {
                e.problems().forEach(p -> problems.add(new Problem(p.where(), name, p.message())));
            } catch (NoSuchFileException e) {
                problems.add(new Problem(shown, name, "is a link to a file that does not exist"));
            }
        }
        return loaded;
    }

    private static AlertDefinition definition(String name, LocatedJson file, List<Problem> problems) {
        JsonNode root = file.root();
        if (!root.isObject()) {
            problems.add(new Problem(file.at(""), name, "must hold a JSON object with \"index\", \"query\", \"condition\" and \"message\""));
            return null;
        }
        int before = problems.size();
        String index = text(file, name, "/index", true, problems);
        String message = text(file, name, "/message", true, problems);
        String description = text(file, name, "/description", false, problems);
        String summary = text(file, name, "/summary", false, problems);
        String key = text(file, name, "/key", false, problems);
        JsonNode query = root.path("query");
        if (!query.isObject()) {
            problems.add(new Problem(file.at("/query"), name, "\"query\" must be the search request body, a JSON object"));
        }
        JsonAlert.Condition condition = condition(file, name, problems);
        List<Param> params = params(file, name, problems);
        if (problems.size() > before) {
            return null;
        }
        checkPlaceholders(file, name, params, problems);
        if (problems.size() > before) {
            return null;
        }
        AlertDefinition.Builder definition = AlertDefinition.builder(name)
                .description(description == null ? "" : description)
                .index(index)
                .query(Query.of(file.name(), query.toString()))
                .evaluator(new JsonAlert(condition, message,
                        summary == null ? name : summary, key == null ? "{{key}}" : key));
        params.forEach(definition::param);
        return definition.build();
    }

    /**
     * An alert of a rule type: {@code "type"} names it, and the file's other keys are the rule's settings
     * ({@code "group_by"}, {@code "threshold"}, ...), each checked at its place.
     */
    private static AlertDefinition rule(String name, LocatedJson file, List<Problem> problems) {
        int before = problems.size();
        String index = text(file, name, "/index", true, problems);
        String description = text(file, name, "/description", false, problems);
        String label = text(file, name, "/type", true, problems);
        if (label == null) {
            return null;
        }
        RuleType type = RuleType.ofLabel(label).orElse(null);
        if (type == null) {
            problems.add(new Problem(file.at("/type"), name, "\"type\" must be one of " + RuleType.labels()
                    + ", not \"" + (label.length() > 40 ? label.substring(0, 40) + "…" : label) + "\""));
            return null;
        }
        if (file.root().has("params")) {
            problems.add(new Problem(file.at("/params"), name, "a rule's numbers are set at the top of its file, such as "
                    + "\"threshold\": 5, not under \"params\""));
        }
        Rules.Builder rule = Rules.of(type);
        file.root().fields().forEachRemaining(setting -> {
            if (type.settings().contains(setting.getKey())) {
                try {
                    rule.set(setting.getKey(), setting.getValue());
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(file.at(LocatedJson.child("", setting.getKey())), name, e.getMessage()));
                }
            }
        });
        rule.problems().forEach(p -> problems.add(new Problem(file.at("/type"), name, p)));
        if (problems.size() > before) {
            // the file's alert stops here, so its other keys are checked here too
            Set<String> known = new TreeSet<>(ConfigLoader.ALERT_KEYS);
            known.addAll(RULE_KEYS);
            known.addAll(type.settings());
            SettingChecks.unknown(file, file.root(), "", name, known, problems);
            return null;
        }
        try {
            return AlertDefinition.builder(name).description(description == null ? "" : description).index(index)
                    .rule(rule.build()).build();
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(file.at("/type"), name, e.getMessage()));
            return null;
        }
    }

    /**
     * The params the file declares under {@code "params"}: each value is the param's default, its type
     * read from it ({@code 5} an integer, {@code 0.8} a number, {@code ["a"]} a list of strings, ...), or an
     * object {@code {"type": "number", "default": 0.8, "min": 0, "max": 1}} that declares the type and
     * constraints ({@code min}, {@code max}, {@code non_empty}, {@code one_of}, {@code description}).
     */
    private static List<Param> params(LocatedJson file, String name, List<Problem> problems) {
        JsonNode given = file.root().path("params");
        List<Param> params = new ArrayList<>();
        if (given.isMissingNode()) {
            return params;
        }
        if (!given.isObject()) {
            problems.add(new Problem(file.at("/params"), name, "\"params\" must be an object of params and their defaults"));
            return params;
        }
        given.fields().forEachRemaining(entry -> {
            String pointer = LocatedJson.child("/params", entry.getKey());
            try {
                params.add(param(entry.getKey(), entry.getValue()));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(file.at(pointer), name, e.getMessage()));
            }
        });
        return params;
    }

    private static Param param(String name, JsonNode value) {
        if (value.isObject() && value.has("type") && value.has("default")) {
            Param.Type type = Param.Type.ofLabel(value.get("type").asText()).orElseThrow(() -> new IllegalArgumentException(
                    "param \"" + name + "\": \"type\" must be one of " + String.join(", ", Arrays.stream(Param.Type.values()).map(Param.Type::label).toList())));
            Set<String> known = Set.of("type", "default", "description", "min", "max", "non_empty", "one_of");
            value.fieldNames().forEachRemaining(f -> {
                if (!known.contains(f)) {
                    throw new IllegalArgumentException("param \"" + name + "\": unknown key \"" + f + "\"; known: " + String.join(", ", new TreeSet<>(known)));
                }
            });
            JsonNode fallback = value.get("default");
            Param param = Param.ofJson(name, type, fallback);
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
    private static void checkPlaceholders(LocatedJson file, String name, List<Param> params, List<Problem> problems) {
        ObjectNode declared = JsonNodeFactory.instance.objectNode();
        params.forEach(p -> declared.set(p.name(), p.defaultValue()));
        new QueryTemplate(file.name(), file.root().get("query")).check(declared).forEach(m -> problems.add(
                new Problem(file.at("/query" + m.pointer()), name, "the query " + m.message())));
        for (String pointer : List.of("/message", "/summary", "/key", "/condition/value")) {
            String key = pointer.substring(pointer.lastIndexOf('/') + 1);
            Placeholders.names(file.root().at(pointer).asText("")).stream().filter(p -> p.startsWith("params."))
                    .forEach(p -> QueryTemplate.misuse(p, declared).ifPresent(problem -> problems.add(
                            new Problem(file.at(pointer), name, "\"" + key + "\" " + problem))));
        }
    }

    private static JsonAlert.Condition condition(LocatedJson file, String name, List<Problem> problems) {
        JsonNode condition = file.root().path("condition");
        if (!condition.isObject()) {
            problems.add(new Problem(file.at("/condition"), name, "\"condition\" must be an object such as "
                    + "{\"path\": \"hits.total.value\", \"op\": \"gt\", \"value\": 0}"));
            return null;
        }
        Set<String> known = Set.of("buckets", "path", "op", "value");
        condition.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                problems.add(new Problem(file.at("/condition/" + f), name,
                        "unknown condition key \"" + f + "\"; known: buckets, op, path, value"));
            }
        });
        String buckets = text(file, name, "/condition/buckets", false, problems);
        String path = text(file, name, "/condition/path", true, problems);
        String op = text(file, name, "/condition/op", true, problems);
        if (op != null && !JsonAlert.OPERATORS.contains(op)) {
            problems.add(new Problem(file.at("/condition/op"), name, "\"op\" must be one of "
                    + String.join(", ", JsonAlert.OPERATORS)));
        }
        JsonNode value = condition.path("value");
        boolean numeric = op == null || !op.equals("eq") && !op.equals("ne");
        boolean param = value.isTextual() && JsonAlert.param(value) != null;
        if (value.isMissingNode() || !(value.isNumber() || param || !numeric && value.isTextual())) {
            problems.add(new Problem(file.at("/condition/value"), name, "\"value\" must be a number"
                    + (numeric ? "" : " or a string") + ", or a param such as \"{{params.threshold}}\""));
        } else if (value.isNumber()) {
            Param.number("value", 0).problem(value).ifPresent(problem -> problems.add(
                    new Problem(file.at("/condition/value"), name, "\"value\" " + problem)));
        }
        return new JsonAlert.Condition(buckets, path, op, value);
    }

    private static String text(LocatedJson file, String name, String pointer, boolean required, List<Problem> problems) {
        JsonNode value = file.root().at(pointer);
        String key = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (value.isMissingNode()) {
            if (required) {
                problems.add(new Problem(file.at(pointer), name, "\"" + key + "\" is missing"));
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(new Problem(file.at(pointer), name, "\"" + key + "\" must be a non-empty string"));
            return null;
        }
        return value.asText();
    }
}
