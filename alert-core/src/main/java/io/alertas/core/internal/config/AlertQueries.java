package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.QueryTemplate;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The query of each alert: the config dir's {@code queries/NAME.json} when there is one, else the one its plugin
 * ships; a rule writes its own from its settings and takes none. Each is checked against the alert's params.
 */
final class AlertQueries {

    /** The config dir, or null when everything is given in code. */
    private final Path dir;
    /** The queries of alerts.d's alerts by name, read and checked with their files. */
    private final Map<String, QueryTemplate> read;
    /** The names in queries/, listed when first needed (empty without the directory); null until it could be. */
    private Set<String> listed;

    AlertQueries(Path dir, Map<String, QueryTemplate> read) {
        this.dir = dir;
        this.read = read;
    }

    /** The query of {@code definition}, which {@code plugin} defines; null when it has problems. */
    QueryTemplate query(AlertDefinition definition, Plugin plugin, JsonNode params, List<Problem> problems) {
        String overrideName = ConfigLoader.QUERIES + "/" + definition.name() + ".json";
        if (definition.evaluator() instanceof Rule rule) {
            if (mayOverride(overrideName) && Files.exists(dir.resolve(overrideName), LinkOption.NOFOLLOW_LINKS)) {
                problems.add(new Problem(overrideName, definition.name(), "this alert is a " + rule.describe()
                        + ", which writes its own query from its settings; set its params in alerts.json instead"));
                return null;
            }
            return QueryTemplate.of(plugin.jar() + " (" + rule.describe() + ")", rule);
        }
        if (mayOverride(overrideName)) {
            try {
                String text = ConfigFiles.text(dir.resolve(overrideName), overrideName, definition.name(), problems);
                return text == null ? null : template(definition, overrideName, text, params, problems);
            } catch (NoSuchFileException noOverride) {
                // the plugin's query, below
            }
        }
        if (plugin.module().equals(JsonAlerts.MODULE)) {
            return read.get(definition.name());
        }
        String origin = plugin.jar() + "!" + definition.query().origin();
        String text = definition.query().body();
        return text.isBlank() ? QueryTemplate.none(origin) : template(definition, origin, text, params, problems);
    }

    /**
     * Whether the config dir may hold {@code file} of queries/: its listing, made once rather than a failed look
     * for each alert, has that name, or the directory cannot be listed and each file must be tried.
     */
    private synchronized boolean mayOverride(String file) {
        if (dir == null) {
            return false;
        }
        if (listed == null) {
            Path queries = dir.resolve(ConfigLoader.QUERIES);
            try (Stream<Path> files = Files.isDirectory(queries) ? Files.list(queries) : Stream.empty()) {
                listed = files.map(f -> ConfigLoader.QUERIES + "/" + f.getFileName()).collect(Collectors.toSet());
            } catch (IOException e) {
                return true;
            }
        }
        return listed.contains(file);
    }

    /** Says each query file of the config dir that no alert of {@code known} is named after. */
    void checkNames(Set<String> known, List<Problem> problems) {
        Path queries = dir == null ? null : dir.resolve(ConfigLoader.QUERIES);
        if (queries == null || !Files.isDirectory(queries)) {
            return;
        }
        try (Stream<Path> files = Files.list(queries)) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json"))
                    .filter(f -> !known.contains(f.substring(0, f.length() - ".json".length())))
                    .sorted()
                    .forEach(f -> problems.add(new Problem(ConfigLoader.QUERIES + "/" + f, null,
                            "no alert is named after this query file; known alerts: "
                                    + String.join(", ", new TreeSet<>(known)))));
        } catch (IOException e) {
            problems.add(new Problem(queries.toString(), null, "cannot be listed: " + e.getMessage()));
        }
    }

    private static QueryTemplate template(AlertDefinition definition, String origin, String text, JsonNode params,
            List<Problem> problems) {
        try {
            LocatedJson json = LocatedJson.parse(origin, text);
            if (!json.root().isObject()) {
                problems.add(new Problem(json.at(""), definition.name(), "a query must be a JSON object"));
                return null;
            }
            QueryTemplate template = new QueryTemplate(origin, json.root());
            template.check(params).forEach(m -> problems.add(
                    new Problem(json.at(m.pointer()), definition.name(), "the query " + m.message())));
            return template;
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add(new Problem(p.where(), definition.name(), p.message())));
            return null;
        }
    }
}
