package io.alertas.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.core.internal.Alert;
import io.alertas.core.internal.media.EmailProvider;
import io.alertas.core.internal.media.SlackProvider;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Param;
import io.alertas.spi.Query;
import io.alertas.spi.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void credentials() throws Exception {
        Files.writeString(dir.resolve("credentials.json"), """
                {
                  "elasticsearch": {"url": "https://es.example.com:9200", "api_key": "${ES_API_KEY}", "timeout": "45s"},
                  "slack": {"webhook_url": "https://hooks.slack.com/services/T0/B0/x"}
                }
                """);
    }

    private static Plugin plugin(String query) {
        return new Plugin("test", "test.jar", List.of(AlertDefinition.builder("logons")
                .index("winlogbeat-*")
                .query(Query.of("/queries/logons.json", query))
                .param(Param.strings("users", List.of("Administrator")).nonEmpty())
                .param(Param.number("threshold", 0.8).between(0, 1))
                .evaluator((response, context) -> Evaluation.quiet())
                .build()));
    }

    private Configuration load(Plugin plugin) throws ConfigException {
        return new ConfigLoader(dir, Map.of("ES_API_KEY", "aWQ6a2V5")::get)
                .load(List.of(plugin), List.of(new SlackProvider(), new EmailProvider()));
    }

    private String problems(Plugin plugin) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(plugin));
        return e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void paramsReachTheQueryAsJsonAndOverridesWinKeyByKey() throws Exception {
        Files.writeString(dir.resolve("alerts.json"),
                "{\"logons\": {\"params\": {\"users\": [\"alice\", \"bob\"]}, \"throttle_period\": 5}}");
        Alert alert = load(plugin("{\"query\": {\"terms\": {\"user\": \"{{params.users}}\"}},"
                + " \"range\": {\"gte\": \"{{window.start}}\", \"lt\": \"{{ window.end }}\"}}")).alerts().get(0);

        var body = alert.query().render(Window.of(Instant.parse("2026-05-04T10:13:00Z"),
                Instant.parse("2026-05-04T10:14:00Z")), alert.params());

        assertEquals(JSON.readTree("{\"query\": {\"terms\": {\"user\": [\"alice\", \"bob\"]}},"
                + " \"range\": {\"gte\": \"2026-05-04T10:13:00Z\", \"lt\": \"2026-05-04T10:14:00Z\"}}"), body);
        assertEquals(Duration.ofMinutes(5), alert.throttlePeriod());
        assertEquals(List.of("slack"), alert.media(), "every configured medium by default");
    }

    @Test
    void aParamThatIsNotDeclaredIsRefusedAtItsPlaceNamingTheDeclaredOnes() throws Exception {
        Files.writeString(dir.resolve("alerts.json"), "{\"logons\": {\n  \"params\": {\"treshold\": 0.5}}}");

        assertEquals("alerts.json:2:14: alert \"logons\": param \"treshold\": not declared; declared: users, threshold",
                problems(plugin("{\"query\": {\"match_all\": {}}}")));
    }

    @Test
    void aParamOfTheWrongTypeOrOutOfRangeIsRefusedAtItsPlace() throws Exception {
        Files.writeString(dir.resolve("alerts.json"),
                "{\"logons\": {\"params\": {\"threshold\": \"high\", \"users\": []}}}");
        assertEquals("""
                alerts.json:1:24: alert "logons": param "threshold": must be a number, not "high"
                alerts.json:1:45: alert "logons": param "users": must not be empty""",
                problems(plugin("{\"query\": {\"match_all\": {}}}")));

        Files.writeString(dir.resolve("alerts.json"), "{\"logons\": {\"params\": {\"threshold\": 1.5}}}");
        assertEquals("alerts.json:1:24: alert \"logons\": param \"threshold\": must be between 0 and 1, not 1.5",
                problems(plugin("{\"query\": {\"match_all\": {}}}")));
    }

    @Test
    void undeclaredParamsInTheQueryAreNamedWithTheirPlace() throws Exception {
        assertEquals("test.jar!/queries/logons.json:1:22: alert \"logons\": the query uses param \"user\", which the alert"
                        + " does not declare; declared: users, threshold",
                problems(plugin("{\"query\": {\"terms\": {\"u\": \"{{params.user}}\"}}}")));
    }

    @Test
    void aQueryFileInTheConfigDirReplacesThePluginsAndIsCheckedWithItsLineAndColumn() throws Exception {
        Files.createDirectories(dir.resolve("queries"));
        Files.writeString(dir.resolve("queries/logons.json"), "{\n  \"query\": {\"match_all\": {}},\n  \"size\": \"{{window.size}}\"\n}");
        Files.writeString(dir.resolve("queries/typo.json"), "{}");

        String problems = problems(plugin("{}"));

        assertTrue(problems.contains("queries/logons.json:3:3: alert \"logons\": the query has the unknown placeholder \"{{window.size}}\""),
                problems);
        assertTrue(problems.contains("queries/typo.json: no alert is named after this query file; known alerts: logons"),
                problems);
    }

    @Test
    void aPluginQueryThatIsNotJsonIsNamedWithItsJarAndLine() {
        String problems = problems(plugin("{\n  \"query\": {\n    \"match_all\": {}\n  }},\n}"));

        assertTrue(problems.startsWith("test.jar!/queries/logons.json:4:5: alert \"logons\": malformed JSON"), problems);
    }

    @Test
    void credentialsProblemsNameTheField() throws Exception {
        Files.writeString(dir.resolve("credentials.json"), """
                {
                  "elasticsearch": {"url": "es.example.com", "username": "u", "timeout": "soon"},
                  "slack": {},
                  "teams": {"webhook_url": "https://example.com"},
                  "state": {"store": "redis"}
                }
                """);

        String problems = problems(plugin("{}"));

        assertTrue(problems.contains("credentials.json:2:21: \"url\" must be an http(s) URL"), problems);
        assertTrue(problems.contains("\"username\" and \"password\" go together"), problems);
        assertTrue(problems.contains("credentials.json:2:63: \"timeout\" must be minutes (a number) or a duration"), problems);
        assertTrue(problems.contains("credentials.json:3:3: slack: \"webhook_url\" is missing"), problems);
        assertTrue(problems.contains("credentials.json:4:3: unknown section \"teams\"; known: elasticsearch, state, history, monitoring, media, slack, email"),
                problems);
        assertTrue(problems.contains("credentials.json:5:13: \"store\" must be \"file\" or \"elasticsearch\""), problems);
    }

    @Test
    void aWrongMonitoringSettingIsPlacedAndTheDeadManUrlIsNeverQuoted() throws Exception {
        Files.writeString(dir.resolve("credentials.json"), """
                {
                  "elasticsearch": {"url": "https://es.example.com:9200"},
                  "slack": {"webhook_url": "https://hooks.slack.com/services/T0/B0/x"},
                  "monitoring": {"dead_man_url": "hc-ping.com/secret-token-123", "metric_file": "m.prom"}
                }
                """);

        String problems = problems(plugin("{}"));

        assertTrue(problems.contains("credentials.json:4:18: \"dead_man_url\" must be an http(s) URL such as"), problems);
        assertTrue(problems.contains("credentials.json:4:66: unknown setting \"metric_file\"; known: metrics_file,"
                + " status_page, dead_man_url"), problems);
        assertFalse(problems.contains("secret-token-123"), problems);
    }
}
