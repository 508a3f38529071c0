package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertSource;
import io.alertas.spi.SettingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The alerts of the {@link AlertSource}s, each read from its own file of the config dir ({@code NAME.json}) and
 * given to the rest of the loading as a {@link Plugin} of module NAME whose jar, as shown, is that file: alerts.json
 * sets their settings by name like any jar's. A bad setting is a problem at its place in the file; a source that
 * throws anything else fails alone: a warning names its file, and the other alerts load.
 */
final class AlertSources {

    private AlertSources() {
    }

    /** {@code plugins}, then one plugin per source whose file is there; what the sources warn of goes to {@code warnings}. */
    static List<Plugin> plugins(Path dir, List<AlertSource> sources, List<Plugin> plugins, List<Problem> problems,
            List<String> warnings) {
        List<Plugin> all = new ArrayList<>(plugins);
        for (AlertSource source : sources) {
            String name = source.name();
            String fileName = name + ".json";
            LocatedJson file = ConfigFiles.object(dir, fileName, null, problems);
            if (file == null) {
                continue;
            }
            try {
                AlertSource.Alerts alerts = source.alerts(file.root(), dir);
                all.add(new Plugin(name, fileName, alerts.alerts()));
                warnings.addAll(alerts.warnings());
            } catch (SettingException e) {
                problems.add(new Problem(file.at(pointer(file.root(), e.field())), null,
                        "\"" + e.field() + "\" " + e.getMessage()));
            } catch (RuntimeException | StackOverflowError e) {
                // a bug of the source is its own: the other alerts load and run
                warnings.add(fileName + ": the alert source \"" + name + "\" failed (" + e.getClass().getName()
                        + "); its alerts are left out");
            }
        }
        return all;
    }

    /**
     * The JSON pointer of a dotted {@code field} of {@code root}: at each object the longest run of parts that is
     * one of its keys is taken, so a key holding dots (an alert's name) is found; at an array a part is an index.
     */
    static String pointer(JsonNode root, String field) {
        if (field.isEmpty()) {
            return "";
        }
        List<String> parts = List.of(field.split("\\.", -1));
        String pointer = "";
        JsonNode node = root;
        int i = 0;
        while (i < parts.size()) {
            int end = i + 1;
            if (node != null && node.isObject()) {
                for (int longest = parts.size(); longest > i; longest--) {
                    if (node.has(String.join(".", parts.subList(i, longest)))) {
                        end = longest;
                        break;
                    }
                }
            }
            String key = String.join(".", parts.subList(i, end));
            node = node == null ? null : node.isArray() && key.matches("\\d{1,9}") ? node.get(Integer.parseInt(key))
                    : node.get(key);
            pointer = LocatedJson.child(pointer, key);
            i = end;
        }
        return pointer;
    }
}
