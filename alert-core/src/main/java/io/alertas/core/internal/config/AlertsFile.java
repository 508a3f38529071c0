package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alertas.core.internal.Alert;
import io.alertas.core.internal.operations.MaintenanceWindow;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Medium;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * alerts.json against the alerts the plugins and alerts.d define: each alert's entry (the settings of an alert
 * of alerts.d are in its own file), the routes and the maintenance windows. An alert is defined once; an entry names a defined alert.
 */
final class AlertsFile {

    private final LocatedJson file;
    private final AlertQueries queries;

    /** {@code file} is alerts.json, read, or {@link LocatedJson#absent} when there is none. */
    AlertsFile(LocatedJson file, AlertQueries queries) {
        this.file = file;
        this.queries = queries;
    }

    /**
     * Every alert of {@code plugins} and {@code jsonAlerts}, with its settings; those with problems are left
     * out. {@code media} are the configured media, null when none is known.
     */
    List<Alert> alerts(List<Plugin> plugins, List<JsonAlerts.Loaded> jsonAlerts, Map<String, Medium> media,
            List<Problem> problems) {
        Map<String, Plugin> owners = new LinkedHashMap<>();
        Map<String, AlertDefinition> definitions = new LinkedHashMap<>();
        Map<String, AlertEntry> entries = new LinkedHashMap<>();
        List<Plugin> all = new ArrayList<>(plugins);
        for (JsonAlerts.Loaded loaded : jsonAlerts) {
            all.add(loaded.plugin());
            entries.put(loaded.plugin().alerts().get(0).name(), loaded.entry());
        }
        for (Plugin plugin : all) {
            for (AlertDefinition definition : plugin.alerts()) {
                Plugin first = owners.putIfAbsent(definition.name(), plugin);
                if (first != null) {
                    problems.add(new Problem(plugin.jar(), definition.name(), "is defined twice: by module \""
                            + first.module() + "\" in " + first.jar() + " and by module \"" + plugin.module()
                            + "\" in " + plugin.jar() + "; remove one of the jars or rename the alert"));
                } else {
                    definitions.put(definition.name(), definition);
                }
            }
        }
        SettingReader wide = new SettingReader(file, file.root(), "", null, problems);
        List<Route> routes = Routes.read(wide, media);
        Map<String, MaintenanceWindow> windows = MaintenanceSection.read(wide, media);
        for (Iterator<Map.Entry<String, JsonNode>> it = file.root().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            String at = LocatedJson.child("", name);
            if (name.equals(Routes.KEY) || name.equals(MaintenanceSection.KEY)) {
                continue;
            }
            if (!definitions.containsKey(name)) {
                problems.add(new Problem(file.at(at), name, "no plugin defines this alert; known alerts: "
                        + String.join(", ", new TreeSet<>(definitions.keySet()))));
            } else if (entries.containsKey(name)) {
                problems.add(new Problem(file.at(at), name, "is defined in " + JsonAlerts.DIR + "/" + name
                        + ".json; put its settings there"));
            } else {
                entries.put(name, new AlertEntry(file, entry.getValue(), at, AlertSettings.KEYS));
            }
        }
        queries.checkNames(definitions.keySet(), problems);

        return EveryCore.read(List.copyOf(definitions.values()), (definition, own) -> AlertSettings.read(definition,
                owners.get(definition.name()), entries.getOrDefault(definition.name(), new AlertEntry(file,
                        JsonNodeFactory.instance.objectNode(), LocatedJson.child("", definition.name()), AlertSettings.KEYS)),
                media, routes, windows, queries, own), problems);
    }
}
