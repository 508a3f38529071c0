package io.alertas.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alertas.core.internal.Alert;
import io.alertas.core.internal.media.EmailProvider;
import io.alertas.core.internal.media.SlackProvider;
import io.alertas.core.internal.operations.Flapping;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Query;
import io.alertas.spi.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest and flapping settings of alerts.json and its routes, read and refused with their place. */
class OperationsSettingsTest {

    private static final Plugin PLUGIN = new Plugin("infra", "infra.jar", List.of(AlertDefinition.builder("disk_full")
            .index("metricbeat-*").severity(Severity.CRITICAL).query(Query.of("/queries/disk_full.json", "{}"))
            .evaluator((response, context) -> Evaluation.quiet()).build()));

    @TempDir
    Path dir;

    @BeforeEach
    void credentials() throws Exception {
        Files.writeString(dir.resolve("credentials.json"), """
                {
                  "elasticsearch": {"url": "https://es.example.com:9200"},
                  "slack": {"webhook_url": "https://hooks.slack.com/services/T0/B0/x"},
                  "email": {"from": "a@example.com", "to": ["ops@example.com"], "smtp": {"host": "smtp.example.com"}}
                }
                """);
    }

    private Alert alert(String alertsJson) throws Exception {
        Files.writeString(dir.resolve("alerts.json"), alertsJson);
        return new ConfigLoader(dir, Map.<String, String>of()::get).load(List.of(PLUGIN),
                List.of(new SlackProvider(), new EmailProvider())).alerts().get(0);
    }

    private String problems(String alertsJson) throws Exception {
        Files.writeString(dir.resolve("alerts.json"), alertsJson);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(dir, Map.<String, String>of()::get)
                .load(List.of(PLUGIN), List.of(new SlackProvider(), new EmailProvider())));
        return e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void anAlertsDigestIsOnEachOfItsMedia() throws Exception {
        Alert alert = alert("{\"disk_full\": {\"digest\": \"1h\", \"media\": [\"slack\", \"email\"]}}");

        assertEquals(Map.of("slack", Duration.ofHours(1), "email", Duration.ofHours(1)), alert.operations().digests());
    }

    @Test
    void aRoutesDigestIsOnTheMediaThatRouteChose() throws Exception {
        Alert alert = alert("""
                {"routes": [{"severity": "critical", "media": ["slack"], "digest": "30m"}, {"plugin": "infra", "media": ["email"]}],
                 "disk_full": {}}
                """);

        assertEquals(List.of("slack", "email"), alert.media());
        assertEquals(Map.of("slack", Duration.ofMinutes(30)), alert.operations().digests());
        assertEquals(Map.of("slack", Duration.ofHours(2), "email", Duration.ofHours(2)), alert("""
                {"routes": [{"severity": "critical", "media": ["slack"], "digest": "30m"}, {"plugin": "infra", "media": ["email"]}],
                 "disk_full": {"digest": "2h"}}
                """).operations().digests(), "the alert's own digest wins");
    }

    @Test
    void hostileDigestsAreRefusedAtTheirPlace() throws Exception {
        assertEquals("""
                alerts.json:1:16: alert "disk_full": "digest" must be from 1m to 7d, not 0s""",
                problems("{\"disk_full\": {\"digest\": 0}}"));
        assertEquals("""
                alerts.json:1:16: alert "disk_full": "digest" must be minutes (a number) or a duration like "90s", "30m", "2h", "1d\"""",
                problems("{\"disk_full\": {\"digest\": \"-1m\"}}"));
        assertEquals("""
                alerts.json:1:16: alert "disk_full": "digest" must be at most 1095d (3 years), not "99999999d\"""",
                problems("{\"disk_full\": {\"digest\": \"99999999d\"}}"));
        assertEquals("""
                alerts.json:1:16: alert "disk_full": "digest" must be from 1m to 7d, not 30s""",
                problems("{\"disk_full\": {\"digest\": \"30s\"}}"));
        assertEquals("""
                alerts.json:1:16: alert "disk_full": "digest" must be from 1m to 7d, not 8d""",
                problems("{\"disk_full\": {\"digest\": \"8d\"}}"));
        assertEquals("""
                alerts.json:1:16: alert "disk_full": "digest" must be minutes (a number) or a duration like "90s", "30m", "2h", "1d\"""",
                problems("{\"disk_full\": {\"digest\": {\"every\": [\"1h\"]}}}"));
        assertEquals("""
                alerts.json:1:16: alert "disk_full": "digest" must be minutes (a number) or a duration like "90s", "30m", "2h", "1d\"""",
                problems("{\"disk_full\": {\"digest\": \"1h\\u202e\"}}"));
        assertEquals("""
                alerts.json:1:34: "digest" must be from 1m to 7d, not 10s""",
                problems("{\"routes\": [{\"media\": [\"slack\"], \"digest\": \"10s\"}], \"disk_full\": {}}"));
    }

    @Test
    void flappingIsReadAsChangesInWindows() throws Exception {
        assertEquals(new Flapping(4, 10),
                alert("{\"disk_full\": {\"flapping\": {\"changes\": 4, \"windows\": 10}}}").operations().flapping());
        assertEquals(Flapping.NONE, alert("{\"disk_full\": {}}").operations().flapping());
    }

    @Test
    void hostileFlappingIsRefusedAtItsPlace() throws Exception {
        assertEquals("""
                alerts.json:1:16: alert "disk_full": "flapping" must be an object such as {"changes": 4, "windows": 10}""",
                problems("{\"disk_full\": {\"flapping\": true}}"));
        assertEquals("""
                alerts.json:1:16: alert "disk_full": "flapping" must be an object such as {"changes": 4, "windows": 10}""",
                problems("{\"disk_full\": {\"flapping\": {\"changes\": 4}}}"));
        assertEquals("""
                alerts.json:1:29: alert "disk_full": "changes" must be a whole number from 2 to "windows\"""",
                problems("{\"disk_full\": {\"flapping\": {\"changes\": 1, \"windows\": 10}}}"));
        assertEquals("""
                alerts.json:1:29: alert "disk_full": "changes" must be a whole number from 2 to "windows" (10), not 11""",
                problems("{\"disk_full\": {\"flapping\": {\"changes\": 11, \"windows\": 10}}}"));
        assertEquals("""
                alerts.json:1:43: alert "disk_full": "windows" must be a whole number from 2 to 1440""",
                problems("{\"disk_full\": {\"flapping\": {\"changes\": 4, \"windows\": 99999999999999999999}}}"));
        assertEquals("""
                alerts.json:1:29: alert "disk_full": "changes" must be a whole number from 2 to "windows\"""",
                problems("{\"disk_full\": {\"flapping\": {\"changes\": -4, \"windows\": 10}}}"));
        assertEquals("""
                alerts.json:1:29: alert "disk_full": "changes" must be a whole number from 2 to "windows\"""",
                problems("{\"disk_full\": {\"flapping\": {\"changes\": 2.5, \"windows\": 10}}}"));
        assertEquals("""
                alerts.json:1:58: alert "disk_full": unknown flapping setting "window"; known: changes, windows""",
                problems("{\"disk_full\": {\"flapping\": {\"changes\": 4, \"windows\": 10, \"window\": 3}}}"));
    }
}
