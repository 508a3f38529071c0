package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.QueryTemplate;
import io.alertas.core.pass.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Alerts defined with no Java, one per file {@code alerts.d/NAME.json}, each of the kind its shape declares
 * ({@link AlertFile}). Besides what declares the alert, a file takes the settings an entry of alerts.json takes.
 */
final class JsonAlerts {

    static final String DIR = "alerts.d";
    static final String MODULE = "alerts.d";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /**
     * One file's alert, as the module {@link #MODULE} of one alert, the file's settings for it, and its query as
     * the file was read and checked (null for a rule).
     */
    record Loaded(Plugin plugin, AlertEntry entry, QueryTemplate query) {
    }

    private JsonAlerts() {
    }

    static List<Loaded> load(Path configDir, List<Problem> problems) {
        Path dir = configDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(dir.toString(), null, "cannot be listed: " + e.getMessage()));
            return List.of();
        }
        return EveryCore.read(files, JsonAlerts::read, problems);
    }

    /** The alert of {@code file}; null when it has problems, added to {@code problems}. */
    private static Loaded read(Path file, List<Problem> problems) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".json".length());
        String shown = DIR + "/" + fileName;
        if (!NAME.matcher(name).matches()) {
            problems.add(new Problem(shown, null, "the file name must be the alert's name: letters, digits, '_', '.' or '-'"));
            return null;
        }
        try {
            String text = ConfigFiles.text(file, shown, name, problems);
            if (text == null) {
                return null;
            }
            LocatedJson json = LocatedJson.parse(shown, text);
            AlertFile.Declared declared = AlertFile.of(json.root()).declare(name, json, problems);
            if (declared != null) {
                return new Loaded(new Plugin(MODULE, shown, List.of(declared.definition())), entry(json, declared),
                        declared.query());
            }
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add(new Problem(p.where(), name, p.message())));
        } catch (NoSuchFileException e) {
            problems.add(new Problem(shown, name, "is a link to a file that does not exist"));
        }
        return null;
    }

    /** The queries of {@code loaded} by their alerts' names, as their files were read and checked. */
    static Map<String, QueryTemplate> queries(List<Loaded> loaded) {
        Map<String, QueryTemplate> queries = new HashMap<>();
        loaded.stream().filter(l -> l.query() != null).forEach(l -> queries.put(l.plugin().alerts().get(0).name(), l.query()));
        return queries;
    }

    /** The alert's settings: what the file holds besides the keys that declare the alert. */
    private static AlertEntry entry(LocatedJson file, AlertFile.Declared declared) {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        file.root().fields().forEachRemaining(e -> {
            if (!declared.keys().contains(e.getKey())) {
                settings.set(e.getKey(), e.getValue());
            }
        });
        return new AlertEntry(file, settings, "", declared.known());
    }
}
