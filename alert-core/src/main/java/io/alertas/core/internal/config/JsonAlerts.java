package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.pass.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

    /** One file's alert, as the module {@link #MODULE} of one alert, and the file's settings for it. */
    record Loaded(Plugin plugin, AlertEntry entry) {
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
                String text = ConfigFiles.text(file, shown, name, problems);
                if (text == null) {
                    continue;
                }
                LocatedJson json = LocatedJson.parse(shown, text);
                AlertFile.Declared declared = AlertFile.of(json.root()).declare(name, json, problems);
                if (declared != null) {
                    loaded.add(new Loaded(new Plugin(MODULE, shown, List.of(declared.definition())), entry(json, declared)));
                }
            } catch (ConfigException e) {
                e.problems().forEach(p -> problems.add(new Problem(p.where(), name, p.message())));
            } catch (NoSuchFileException e) {
                problems.add(new Problem(shown, name, "is a link to a file that does not exist"));
            }
        }
        return loaded;
    }

    /** The alert's settings: what the file holds besides the keys that declare the alert. */
    private static AlertEntry entry(LocatedJson file, AlertFile.Declared declared) {
        ObjectNode settings = ((ObjectNode) file.root()).deepCopy();
        settings.remove(declared.keys());
        Set<String> known = new TreeSet<>(AlertSettings.KEYS);
        known.addAll(declared.keys());
        return new AlertEntry(file, settings, "", known);
    }
}
