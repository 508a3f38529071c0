package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.spi.AlertDefinition;
import io.alertas.spi.AlertModule;
import io.alertas.spi.Durations;
import io.alertas.spi.Param;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/alerts.md says what the built-in plugins declare: every alert, its index, severity and throttle, and
 * its params table, which is generated from the declarations. Run with {@code -Dalertas.docs.update=true}
 * to write the tables after changing a declaration; the prose around them is written by hand.
 */
class AlertCatalogueDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "alerts.md");
    /** Where the catalogue ends and the rule types' part (RuleTypesDocsTest) begins. */
    static final String RULE_TYPES = "\n# Rule types\n";
    private static final Pattern TABLE = Pattern.compile("\\| param \\|[^\\n]*\\n(\\|[^\\n]*\\n)*");

    @Test
    void everyBuiltInAlertIsDocumentedAsDeclared() throws Exception {
        String whole = Files.readString(DOCS);
        int ruleTypes = whole.indexOf(RULE_TYPES);
        String docs = ruleTypes < 0 ? whole : whole.substring(0, ruleTypes);
        StringBuilder updated = new StringBuilder();
        Map<String, String> sections = new LinkedHashMap<>();
        for (String section : docs.split("\n## ")) {
            sections.put(section.lines().findFirst().orElse("").strip(), section);
        }
        Map<String, String> declared = new LinkedHashMap<>();
        Map<String, AlertDefinition> definitions = new LinkedHashMap<>();
        for (AlertModule module : ServiceLoader.load(AlertModule.class)) {
            for (AlertDefinition alert : module.alerts()) {
                declared.put(alert.name(), module.name());
                definitions.put(alert.name(), alert);
                String section = sections.get(alert.name());
                assertTrue(section != null, "docs/alerts.md has no section \"## " + alert.name() + "\"");
                String header = "Plugin: " + module.name() + " · Severity: " + alert.severity().label() + " · Throttle: "
                        + Durations.format(alert.throttlePeriod()) + " · Index: ";
                assertTrue(section.contains(header + (alert.index().isEmpty() ? "(none" : "`" + alert.index() + "`")),
                        alert.name() + " should say: " + header + alert.index());
            }
        }
        for (String section : docs.split("\n## ", -1)) {
            AlertDefinition alert = definitions.get(section.lines().findFirst().orElse("").strip());
            if (updated.length() > 0) {
                updated.append("\n## ");
            }
            updated.append(alert == null ? section : withTable(section, alert));
        }
        if (Boolean.getBoolean("alertas.docs.update")) {
            Files.writeString(DOCS, updated + whole.substring(docs.length()));
        }
        sections.keySet().removeIf(title -> title.startsWith("# "));
        assertEquals(declared.keySet(), sections.keySet(), "docs/alerts.md documents exactly the built-in alerts");
        assertEquals(updated.toString(), docs,
                "docs/alerts.md's params tables differ from the declarations; run this test with -Dalertas.docs.update=true");
    }

    /** The section with its params table as the declarations make it, in place of the one it has. */
    private static String withTable(String section, AlertDefinition alert) {
        String table = table(alert);
        Matcher m = TABLE.matcher(section);
        if (m.find()) {
            return section.substring(0, m.start()) + table + section.substring(m.end());
        }
        if (table.isEmpty()) {
            return section;
        }
        int example = section.indexOf("\nExample:");
        return example < 0 ? section + "\n" + table : section.substring(0, example + 1) + table + "\n" + section.substring(example + 1);
    }

    private static String table(AlertDefinition alert) {
        if (alert.params().isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("| param | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
        for (Param param : alert.params().values()) {
            table.append("| `").append(param.name()).append("` | ").append(param.type().label()).append(" | `")
                    .append(param.defaultValue()).append("` | ").append(param.constraints()).append(" | ")
                    .append(param.description()).append(" |\n");
        }
        return table.toString();
    }
}
