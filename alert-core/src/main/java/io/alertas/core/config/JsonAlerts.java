package io.alertas.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.spi.AlertDefinition;
import io.alertas.core.spi.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Alerts defined with no Java, one per file {@code alerts.d/NAME.json}: an index, a query (with the same
 * placeholders as any query), a condition, messages, and the settings an entry of alerts.json takes.
 */
final class JsonAlerts {

    static final String DIR = "alerts.d";
    static final String MODULE = "alerts.d";
    /** The keys of a JSON alert besides the settings of an alerts.json entry. */
    static final Set<String> KEYS = Set.of("description", "index", "query", "condition", "message", "summary", "key");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** One file's alert, with the file for its settings and their places. */
    record Loaded(Plugin plugin, LocatedJson file) {
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
                AlertDefinition definition = definition(name, json, problems);
                if (definition != null) {
                    loaded.add(new Loaded(new Plugin(MODULE, shown, List.of(definition)), json));
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
        if (problems.size() > before) {
            return null;
        }
        return AlertDefinition.builder(name)
                .description(description == null ? "" : description)
                .index(index)
                .query(new Query(file.name(), query.toString()))
                .evaluator(new JsonAlert(condition, message,
                        summary == null ? name : summary, key == null ? "{{key}}" : key))
                .build();
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
        if (value.isMissingNode() || !(value.isNumber() || !numeric && value.isTextual())) {
            problems.add(new Problem(file.at("/condition/value"), name, "\"value\" must be a number"
                    + (numeric ? "" : " or a string")));
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
