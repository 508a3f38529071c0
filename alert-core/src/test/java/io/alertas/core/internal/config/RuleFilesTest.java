package io.alertas.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.Alert;
import io.alertas.core.internal.media.SlackProvider;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertContext;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Window;
import io.alertas.spi.rules.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** alerts.d files of a rule type: each wrong setting said once, at its line and column, and the numbers as params. */
class RuleFilesTest {

    private static final Window WINDOW = Window.of(Instant.parse("2026-05-04T10:13:00Z"), Instant.parse("2026-05-04T10:14:00Z"));

    @TempDir
    Path dir;

    @BeforeEach
    void credentials() throws Exception {
        Files.writeString(dir.resolve("credentials.json"), """
                {"elasticsearch": {"url": "https://es.example.com:9200"}, "slack": {"webhook_url": "https://hooks.slack.com/services/T0/B0/x"}}
                """);
        Files.createDirectories(dir.resolve("alerts.d"));
    }

    private Configuration load(List<Plugin> plugins) throws ConfigException {
        return new ConfigLoader(dir, Map.<String, String>of()::get).load(plugins, List.of(new SlackProvider()));
    }

    private String problems(String file, String text) throws Exception {
        Files.writeString(dir.resolve("alerts.d").resolve(file), text);
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of()));
        return e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void eachWrongSettingIsSaidOnceAtItsPlace() throws Exception {
        assertEquals("""
                alerts.d/burst.json:4:3: alert "burst": "group_by" takes 1 to 4 field names
                alerts.d/burst.json:5:3: alert "burst": "threshold" must be at least 1, not 0
                alerts.d/burst.json:6:3: alert "burst": "timeframe" must be a duration like "90s", "30m", "2h", "1d", not "soon\"""",
                problems("burst.json", """
                        {
                          "type": "frequency",
                          "index": "logs-*",
                          "group_by": ["a", "b", "c", "d", "e"],
                          "threshold": 0,
                          "timeframe": "soon"
                        }
                        """));
    }

    @Test
    void anUnknownTypeNamesTheTypes() throws Exception {
        assertEquals("alerts.d/odd.json:1:21: alert \"odd\": \"type\" must be one of frequency, spike, flatline, new_term, "
                + "cardinality, metric, change, percentage_match, not \"frequence\"",
                problems("odd.json", "{\"index\": \"logs-*\", \"type\": \"frequence\"}"));
    }

    @Test
    void aSettingOfAnotherTypeIsAnUnknownKey() throws Exception {
        String problems = problems("burst.json", "{\"index\": \"logs-*\", \"type\": \"frequency\",\n \"factor\": 3}");
        assertTrue(problems.startsWith("alerts.d/burst.json:2:2: alert \"burst\": unknown setting \"factor\"; known: "
                + "active, aggs, description, digest, every, filter, fire_after, flapping, group_by, index,"), problems);
        assertTrue(problems.contains("threshold, throttle_period, timeframe"), problems);
    }

    @Test
    void whatATypeNeedsIsSaidAtItsType() throws Exception {
        assertEquals("alerts.d/hot.json:1:24: alert \"hot\": a metric rule needs \"field\"",
                problems("hot.json", "{\"index\": \"metrics-*\", \"type\": \"metric\", \"above\": 0.9}"));
        Files.delete(dir.resolve("alerts.d/hot.json"));
        assertEquals("alerts.d/both.json:1:24: alert \"both\": a cardinality rule takes one bound: \"above\", \"below\", "
                        + "\"at_least\" or \"at_most\", not \"above\" and \"below\"",
                problems("both.json", "{\"index\": \"metrics-*\", \"type\": \"cardinality\", \"field\": \"user.name\", "
                        + "\"above\": 9, \"below\": 2}"));
    }

    @Test
    void aRulesNumbersGoAtTheTopOfItsFileNotUnderParams() throws Exception {
        assertEquals("alerts.d/burst.json:1:42: alert \"burst\": a rule's numbers are set at the top of its file, "
                        + "such as \"threshold\": 5, not under \"params\"",
                problems("burst.json", "{\"index\": \"logs-*\", \"type\": \"frequency\", \"params\": {\"threshold\": 5}}"));
    }

    @Test
    void theNumbersOfARuleAreParamsThatAlertsJsonSets() throws Exception {
        Plugin plugin = new Plugin("test", "test.jar", List.of(AlertDefinition.builder("burst").index("logs-*")
                .rule(Rules.frequency().groupBy("user.name").threshold(5).build()).build()));
        Files.writeString(dir.resolve("alerts.json"), "{\"burst\": {\"params\": {\"threshold\": 8}}}");
        Alert alert = load(List.of(plugin)).alerts().get(0);

        JsonNode query = alert.query().render(AlertContext.of("burst", WINDOW, WINDOW.end(), alert.params()));

        assertEquals(8, query.at("/aggs/rule_group_0/terms/min_doc_count").asInt());
        assertEquals("user.name", query.at("/aggs/rule_group_0/terms/field").asText());
        assertEquals("2026-05-04T10:13:00Z", query.at("/query/bool/filter/0/range/@timestamp/gte").asText());
    }

    @Test
    void aJavaRuleAlertTakesNoQueryFile() throws Exception {
        Files.createDirectories(dir.resolve("queries"));
        Files.writeString(dir.resolve("queries/burst.json"), "{}");
        Plugin plugin = new Plugin("test", "test.jar", List.of(AlertDefinition.builder("burst").index("logs-*")
                .rule(Rules.frequency().groupBy("user.name").threshold(5).build()).build()));
        ConfigException e = assertThrows(ConfigException.class, () -> load(List.of(plugin)));
        assertEquals("queries/burst.json: alert \"burst\": this alert is a frequency rule, which writes its own query from"
                + " its settings; set its params in alerts.json instead", e.problems().get(0).toString());
    }
}
