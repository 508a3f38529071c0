package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.core.config.Durations;
import io.alertas.core.spi.AlertDefinition;
import io.alertas.core.spi.AlertModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** docs/alerts.md says what the built-in plugins declare: every alert, its index, severity, throttle and params. */
class AlertCatalogueDocsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyBuiltInAlertIsDocumentedAsDeclared() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "alerts.md"));
        Map<String, String> sections = new LinkedHashMap<>();
        for (String section : docs.split("\n## ")) {
            sections.put(section.lines().findFirst().orElse("").strip(), section);
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (AlertModule module : ServiceLoader.load(AlertModule.class)) {
            for (AlertDefinition alert : module.alerts()) {
                declared.put(alert.name(), module.name());
                String section = sections.get(alert.name());
                assertTrue(section != null, "docs/alerts.md has no section \"## " + alert.name() + "\"");
                String header = "Plugin: " + module.name() + " · Severity: " + alert.severity().label() + " · Throttle: "
                        + Durations.format(alert.throttlePeriod()) + " · Index: ";
                assertTrue(section.contains(header + (alert.index().isEmpty() ? "(none" : "`" + alert.index() + "`")),
                        alert.name() + " should say: " + header + alert.index());
                for (Map.Entry<String, Object> param : alert.params().entrySet()) {
                    String row = "| `" + param.getKey() + "` | `" + JSON.writeValueAsString(param.getValue()) + "` |";
                    assertTrue(section.contains(row), alert.name() + " should document its param: " + row);
                }
                assertEquals(alert.params().size(), section.lines().filter(l -> l.startsWith("| `")).count(),
                        alert.name() + " documents params it does not have");
            }
        }
        sections.keySet().removeIf(title -> title.startsWith("# "));
        assertEquals(declared.keySet(), sections.keySet(), "docs/alerts.md documents exactly the built-in alerts");
    }
}
