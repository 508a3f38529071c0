package io.alertas.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.pass.ConfiguredAlert;
import io.alertas.core.pass.Problem;
import io.alertas.core.pass.Shard;
import io.alertas.core.pass.Silence;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.AlertModule;
import io.alertas.spi.AlertSource;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Query;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry's operations that need no cluster: problems as data, the alerts, silences and the stored state. */
class AlertasTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");

    /** Two alerts of a team's jar; nothing here sends a query. */
    private static final AlertModule TEAM = new AlertModule() {
        @Override
        public String name() {
            return "team";
        }

        @Override
        public List<AlertDefinition> alerts() {
            return List.of(alert("logons"), alert("backups"));
        }

        private AlertDefinition alert(String name) {
            return AlertDefinition.builder(name).index("logs-" + name)
                    .query(Query.of("team/" + name + ".json", "{\"query\": {\"match_all\": {}}}"))
                    .evaluator((response, context) -> Evaluation.quiet()).build();
        }
    };

    @Test
    void everyProblemIsDataWithWhereItIsAndWhatToDo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credentials.json"), """
                {
                  "elasticsearch": {"url": "https://127.0.0.1:9", "timeout": "soon"}
                }
                """);

        AlertasException e = assertThrows(AlertasException.class, () -> Alertas.builder().configDir(dir).build());

        Problem problem = e.located().get(0);
        assertTrue(problem.where().startsWith("credentials.json:2:"), problem.toString());
        assertTrue(problem.message().contains("timeout"), problem.toString());
        assertEquals(e.located().stream().map(Problem::toString).toList(), e.problems());
    }

    @Test
    void anEmbeddersAlertSourceReadsItsFileOfTheConfigDirAndIsGivenOnce(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credentials.json"), "{\"elasticsearch\": {\"url\": \"https://127.0.0.1:9\"},"
                + " \"slack\": {\"webhook_url\": \"https://hooks.slack.com/services/T0/B0/x\"}}");
        Files.writeString(dir.resolve("team.json"), "{\"alerts\": 2}");
        AlertSource team = new AlertSource() {
            @Override
            public String name() {
                return "team";
            }

            @Override
            public Alerts alerts(JsonNode settings, Path configDir) {
                return Alerts.of(TEAM.alerts().subList(0, settings.path("alerts").asInt()), List.of());
            }
        };

        Alertas alertas = Alertas.builder().configDir(dir).alertSource(team).build();

        assertEquals(List.of("logons/team/team.json", "backups/team/team.json"), alertas.alerts().stream()
                .map(a -> a.name() + "/" + a.plugin() + "/" + a.jar()).toList());
        assertEquals("alert source \"team\" is given twice", assertThrows(IllegalArgumentException.class,
                () -> Alertas.builder().alertSource(team).alertSource(team)).getMessage());
    }

    @Test
    void theAlertsAreListedWithTheirJarWhateverTheShard(@TempDir Path dir) throws Exception {
        Alertas alertas = inCode(dir).shard(new Shard(1, 2)).build();

        List<ConfiguredAlert> alerts = alertas.alerts();
        assertEquals(List.of("logons", "backups"), alerts.stream().map(ConfiguredAlert::name).toList());
        ConfiguredAlert logons = alerts.get(0);
        assertEquals("team", logons.plugin());
        assertEquals("team-alerts-1.0.jar", logons.jar());
        assertEquals("logs-logons", logons.index());
        assertEquals("team-alerts-1.0.jar!team/logons.json", logons.queryOrigin());
        assertEquals(List.of("slack", "email", "webhook", "teams", "pagerduty", "opsgenie", "alertmanager"), Alertas.builtInMedia());
    }

    @Test
    void aSilenceIsKeptInTheStateUntilItIsEnded(@TempDir Path dir) throws Exception {
        Alertas alertas = inCode(dir).build();

        Silence silence = alertas.silence("logons", "alice", NOW.plus(Duration.ofHours(1)), "maintenance");

        assertEquals("key \"alice\"", silence.scope());
        assertEquals(List.of(silence.id()), alertas.state().silences().stream().map(Silence::id).toList());
        Optional<Silence> ended = alertas.unsilence(silence.id());
        assertEquals(Optional.of("no firing was muted"), ended.map(Silence::mutedFirings));
        assertTrue(alertas.state().silences().isEmpty(), alertas.state().toString());
        assertEquals(Optional.empty(), alertas.unsilence(silence.id()));
    }

    @Test
    void theEngineCountsItsOwnPhasesInTheirOrder(@TempDir Path dir) throws Exception {
        Alertas alertas = inCode(dir).build();

        assertEquals(List.of("config", "TLS and client", "state read", "queries", "evaluation", "delivery", "state writes"),
                List.copyOf(alertas.timings().keySet()));
        assertEquals(Duration.ZERO, alertas.timings().get("queries"), "no pass ran");
    }

    private static Alertas.Builder inCode(Path dir) {
        return Alertas.builder().elasticsearch(java.net.URI.create("https://127.0.0.1:9")).module(TEAM, "team-alerts-1.0.jar")
                .medium("log", notification -> { }).stateDir(dir).clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
