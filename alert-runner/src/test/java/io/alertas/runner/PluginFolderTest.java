package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.spi.SpiVersion;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Alert jars that teams drop in a plugin folder are found and run; broken ones are named and skipped. */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class PluginFolderTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook");

    private static final String MODULE = """
            package com.example.team;

            import io.alertas.spi.*;
            import java.util.List;

            public final class TeamAlerts implements AlertModule {
                @Override public String name() { return "team"; }
                @Override public List<AlertDefinition> alerts() {
                    return List.of(AlertDefinition.builder("%s")
                            .index("%s")
                            .query(Query.resource(TeamAlerts.class, "/team/backup_logon.json"))
                            .media(List.of("slack"))
                            .evaluator((response, context) -> {
                                long hits = response.path("hits").path("total").path("value").asLong();
                                return hits > 0 ? Evaluation.fire("svc-backup logged on " + hits + " time(s)")
                                        : Evaluation.quiet();
                            })
                            .build());
                }
            }
            """;
    private static final String QUERY = """
            {"query": {"bool": {"filter": [
              {"term": {"winlog.event_data.TargetUserName": "svc-backup"}},
              {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}]}}}
            """;

    private static final String SOURCE = """
            package com.example.team;

            import com.fasterxml.jackson.databind.JsonNode;
            import io.alertas.spi.*;
            import java.nio.file.Path;
            import java.util.ArrayList;
            import java.util.List;

            public final class NamesSource implements AlertSource {
                @Override public String name() { return "%s"; }
                @Override public Alerts alerts(JsonNode settings, Path configDir) {
                    List<AlertDefinition> alerts = new ArrayList<>();
                    settings.path("names").forEach(n -> alerts.add(AlertDefinition.builder(n.asText()).index("logs-*")
                            .evaluator((response, context) -> Evaluation.quiet()).build()));
                    return Alerts.of(alerts, List.of("names: read"));
                }
            }
            """;

    private RecordingHttpServer slack;
    private TestingConfig config;
    @TempDir
    Path work;

    @BeforeEach
    void setUp() {
        config.alerts(Map.of("privileged_logon", Map.of("active", false), "filesystem_usage",
                Map.of("index", TestingConfig.METRICS, "media", new String[] {"slack"})));
    }

    private Path teamJar(Path folder, String alertName) throws Exception {
        return TestingJars.build(work, folder.resolve("team-alerts-1.0.jar"),
                Map.of("com.example.team.TeamAlerts", MODULE.formatted(alertName, TestingConfig.LOGONS)),
                Map.of("team/backup_logon.json", QUERY,
                        "META-INF/services/io.alertas.spi.AlertModule", "com.example.team.TeamAlerts\n"));
    }

    @Test
    void aTeamJarInThePluginsFolderIsListedWithItsJarAndFires() throws Exception {
        teamJar(config.dir.resolve("plugins"), "backup_account_logon");

        TestingConfig.Result list = config.run("list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.matches(
                "backup_account_logon +team +team-alerts-1.0.jar +yes +1h +slack +winlogbeat-runner-test")), list.out());

        TestingConfig.Result run = config.run("run", "--now", "2026-05-04T10:15:00Z");
        assertEquals(0, run.exit(), run.err());
        assertTrue(slack.requests().stream().anyMatch(r -> r.body().contains("svc-backup logged on 1 time(s)")),
                slack.requests().toString());
    }

    @Test
    void anAlertSourceInAJarReadsItsOwnFileAndOneTakingABuiltInSourcesNameIsIgnoredWithAWarning() throws Exception {
        Path folder = config.dir.resolve("plugins");
        TestingJars.build(work, folder.resolve("names-1.0.jar"), Map.of("com.example.team.NamesSource",
                SOURCE.formatted("names")), Map.of("META-INF/services/io.alertas.spi.AlertSource",
                "com.example.team.NamesSource\n"));
        TestingJars.build(work.resolve("other"), folder.resolve("sigma-clash.jar"), Map.of("com.example.team.NamesSource",
                SOURCE.formatted("sigma")), Map.of("META-INF/services/io.alertas.spi.AlertSource",
                "com.example.team.NamesSource\n"));
        config.write("names.json", "{\"names\": [\"names.first\"]}");

        TestingConfig.Result list = config.run("list");

        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.matches("names.first +names +names.json +yes .*")), list.out());
        assertTrue(list.err().contains("warning: names: read"), list.err());
        assertTrue(list.err().contains(folder.resolve("sigma-clash.jar") + ": alert source \"sigma\" of"
                + " com.example.team.NamesSource is ignored: io.alertas.sigma.SigmaSource has that name; rename it"),
                list.err());
    }

    @Test
    void aBrokenJarIsNamedAndSkippedWhileTheOthersDeliver() throws Exception {
        Path folder = work.resolve("extra");
        teamJar(folder, "backup_account_logon");
        Path broken = TestingJars.broken(folder.resolve("broken-alerts.jar"), "io.alertas.spi.AlertModule",
                "com.example.Missing");

        TestingConfig.Result run = config.run("run", "--plugins", folder.toString(), "--now", "2026-05-04T10:15:00Z");

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains(broken + ": AlertModule skipped: "), run.err());
        assertTrue(run.err().contains("com.example.Missing"), run.err());
        assertTrue(slack.requests().stream().anyMatch(r -> r.body().contains("svc-backup logged on 1 time(s)")));
        assertTrue(slack.requests().stream().anyMatch(r -> r.body().contains("web-01:/")));
    }

    @Test
    void twoAlertsWithOneNameStopThePassNamingBothJars() throws Exception {
        teamJar(config.dir.resolve("plugins"), "filesystem_usage");

        TestingConfig.Result run = config.run("run");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("alert \"filesystem_usage\": is defined twice: by module \"infra\" in "), run.err());
        assertTrue(run.err().contains("and by module \"team\" in team-alerts-1.0.jar"), run.err());
        assertTrue(slack.requests().isEmpty());
    }

    private static final String THROWING_MODULE = """
            package com.example.bad;

            import io.alertas.spi.*;
            import java.util.List;

            public final class BadAlerts implements AlertModule {
                @Override public String name() { return "bad"; }
                @Override public List<AlertDefinition> alerts() {
                    throw new IllegalStateException("cannot read my settings");
                }
            }
            """;

    @Test
    void aModuleThatThrowsIsNamedWithItsJarAndTheOthersDeliver() throws Exception {
        Path folder = config.dir.resolve("plugins");
        teamJar(folder, "backup_account_logon");
        TestingJars.build(work, folder.resolve("bad-alerts.jar"), Map.of("com.example.bad.BadAlerts", THROWING_MODULE),
                Map.of("META-INF/services/io.alertas.spi.AlertModule", "com.example.bad.BadAlerts\n"));

        TestingConfig.Result run = config.run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains(folder.resolve("bad-alerts.jar") + ": com.example.bad.BadAlerts skipped: its module "
                + "failed: java.lang.IllegalStateException: cannot read my settings"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertTrue(slack.requests().stream().anyMatch(r -> r.body().contains("svc-backup logged on 1 time(s)")));
    }

    private static final String RECURSING_MODULE = """
            package com.example.deep;

            import io.alertas.spi.*;
            import java.util.List;

            public final class DeepAlerts implements AlertModule {
                @Override public String name() { return "deep"; }
                @Override public List<AlertDefinition> alerts() {
                    return alerts();
                }
            }
            """;

    @Test
    void aModuleThatOverflowsItsStackIsNamedWithItsJarAndTheOthersDeliver() throws Exception {
        Path folder = config.dir.resolve("plugins");
        teamJar(folder, "backup_account_logon");
        TestingJars.build(work, folder.resolve("deep-alerts.jar"), Map.of("com.example.deep.DeepAlerts", RECURSING_MODULE),
                Map.of("META-INF/services/io.alertas.spi.AlertModule", "com.example.deep.DeepAlerts\n"));

        TestingConfig.Result run = config.run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains(folder.resolve("deep-alerts.jar") + ": com.example.deep.DeepAlerts skipped: its module "
                + "failed: java.lang.StackOverflowError"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertTrue(slack.requests().stream().anyMatch(r -> r.body().contains("svc-backup logged on 1 time(s)")));
    }

    @Test
    void aMissingOrMalformedQueryResourceIsNamedWithItsJar() throws Exception {
        Path folder = config.dir.resolve("plugins");
        TestingJars.build(work, folder.resolve("team-alerts-1.0.jar"),
                Map.of("com.example.team.TeamAlerts", MODULE.formatted("backup_account_logon", TestingConfig.LOGONS)),
                Map.of("team/backup_logon.json", "{\"query\": {\"term\": {\"user\": }}}",
                        "META-INF/services/io.alertas.spi.AlertModule", "com.example.team.TeamAlerts\n"));

        TestingConfig.Result malformed = config.run("validate");

        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains("team-alerts-1.0.jar!/team/backup_logon.json:1:29: alert \"backup_account_logon\":"
                + " malformed JSON"), malformed.err());

        Files.delete(folder.resolve("team-alerts-1.0.jar"));
        TestingJars.build(work, folder.resolve("team-alerts-1.1.jar"),
                Map.of("com.example.team.TeamAlerts", MODULE.formatted("backup_account_logon", TestingConfig.LOGONS)),
                Map.of("META-INF/services/io.alertas.spi.AlertModule", "com.example.team.TeamAlerts\n"));

        TestingConfig.Result missing = config.run("run");

        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("query resource /team/backup_logon.json not found beside com.example.team.TeamAlerts"),
                missing.err());
    }

    private static final String OLD_SPI = """
            package io.alertas.spi;

            /** What an older AlertDefinition looked like, for compiling a jar against it. */
            public record AlertDefinition(String name) {
                public static Builder builder(String name) { return new Builder(); }
                public static final class Builder {
                    public Builder window(java.time.Duration window) { return this; }
                    public AlertDefinition build() { return new AlertDefinition("old_alert"); }
                }
            }
            """;
    private static final String OLD_MODULE = """
            package com.example.old;

            import io.alertas.spi.*;
            import java.time.Duration;
            import java.util.List;

            public final class OldAlerts implements AlertModule {
                @Override public String name() { return "old"; }
                @Override public List<AlertDefinition> alerts() {
                    return List.of(AlertDefinition.builder("old_alert").window(Duration.ofMinutes(5)).build());
                }
            }
            """;

    @Test
    void aJarBuiltAgainstAnIncompatibleSpiGetsAClearMessage() throws Exception {
        Path folder = config.dir.resolve("plugins");
        teamJar(folder, "backup_account_logon");
        TestingJars.build(work, folder.resolve("old-alerts.jar"),
                Map.of("com.example.old.OldAlerts", OLD_MODULE, "io.alertas.spi.AlertDefinition", OLD_SPI),
                Map.of("META-INF/services/io.alertas.spi.AlertModule", "com.example.old.OldAlerts\n"));

        TestingConfig.Result run = config.run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains(folder.resolve("old-alerts.jar") + ": com.example.old.OldAlerts skipped: it was built "
                + "against an incompatible Alertas SPI (java.lang.NoSuchMethodError"), run.err());
        assertTrue(run.err().contains("rebuild it against this version"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertTrue(slack.requests().stream().anyMatch(r -> r.body().contains("svc-backup logged on 1 time(s)")));
    }

    private static final String PREVIOUS_SPI = """
            package io.alertas.core.spi;

            /** The SPI before alert-spi: a package of alert-core, definitions as public records. */
            public interface AlertModule {
                String name();
                java.util.List<Object> alerts();
            }
            """;
    private static final String PREVIOUS_MODULE = """
            package com.example.old;

            import io.alertas.core.spi.AlertModule;
            import java.util.List;

            public final class OldAlerts implements AlertModule {
                @Override public String name() { return "old"; }
                @Override public List<Object> alerts() { return List.of(); }
            }
            """;

    @Test
    void aJarBuiltForAnotherSpiVersionIsRefusedByNameWithBothVersionsBeforeItLoads() throws Exception {
        Path folder = config.dir.resolve("plugins");
        teamJar(folder, "backup_account_logon");
        TestingJars.build(work, folder.resolve("previous-alerts.jar"),
                Map.of("com.example.old.OldAlerts", PREVIOUS_MODULE, "io.alertas.core.spi.AlertModule", PREVIOUS_SPI),
                Map.of("META-INF/services/io.alertas.core.spi.AlertModule", "com.example.old.OldAlerts\n"),
                TestingJars.manifest(null));
        TestingJars.build(work, folder.resolve("future-alerts.jar"),
                Map.of("com.example.team.TeamAlerts", MODULE.formatted("future_alert", TestingConfig.LOGONS)),
                Map.of("team/backup_logon.json", QUERY,
                        "META-INF/services/io.alertas.spi.AlertModule", "com.example.team.TeamAlerts\n"),
                TestingJars.manifest("2.0"));

        TestingConfig.Result run = config.run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains(folder.resolve("previous-alerts.jar") + ": skipped: it does not say which Alertas SPI"
                + " it was built for (no Alertas-SPI-Version in its manifest: built before alert-spi existed, SPI 0);"
                + " this runner has SPI " + SpiVersion.current() + "; rebuild it against io.alertas:alert-spi 1.x"), run.err());
        assertTrue(run.err().contains(folder.resolve("future-alerts.jar") + ": skipped: it was built for Alertas SPI 2.0;"
                + " this runner has SPI " + SpiVersion.current()), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(run.out().contains("future_alert"), run.out());
        assertTrue(slack.requests().stream().anyMatch(r -> r.body().contains("svc-backup logged on 1 time(s)")));
    }

    private static final String JACKSON_MODULE = """
            package com.example.json;

            import com.fasterxml.jackson.databind.ObjectMapper;
            import io.alertas.spi.*;
            import java.util.List;

            public final class JsonAlerts implements AlertModule {
                @Override public String name() { return "json"; }
                @Override public List<AlertDefinition> alerts() {
                    return List.of(AlertDefinition.builder("json_total")
                            .index("%s")
                            .query(Query.resource(JsonAlerts.class, "/team/backup_logon.json"))
                            .media(List.of("slack"))
                            .evaluator((response, context) -> {
                                try {
                                    return Evaluation.fire("total as JSON "
                                            + new ObjectMapper().writeValueAsString(response.path("hits").path("total")));
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            })
                            .build());
                }
            }
            """;

    @Test
    void aJarBundlingAnotherJacksonRunsOnTheRunnersJackson() throws Exception {
        Path jar = TestingJars.build(work, config.dir.resolve("plugins/json-alerts.jar"),
                Map.of("com.example.json.JsonAlerts", JACKSON_MODULE.formatted(TestingConfig.LOGONS)),
                Map.of("team/backup_logon.json", QUERY,
                        "META-INF/services/io.alertas.spi.AlertModule", "com.example.json.JsonAlerts\n"));
        Path bundled = Path.of("target", "bundled-jackson");
        TestingJars.bundle(jar, List.of(bundled.resolve("jackson-databind-2.17.2.jar"), bundled.resolve("jackson-core-2.17.2.jar")));
        try (JarFile plugin = new JarFile(jar.toFile())) {
            assertTrue(new String(plugin.getInputStream(plugin.getEntry(
                    "META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties")).readAllBytes())
                    .contains("version=2.17.2"), "the plugin jar bundles Jackson 2.17.2");
        }

        TestingConfig.Result run = config.run("run", "--alert", "json_total", "--now", "2026-05-04T10:15:00Z");

        assertEquals(0, run.exit(), run.err());
        assertTrue(slack.requests().stream().anyMatch(r -> r.body().contains("total as JSON {\\\"value\\\":1,")),
                slack.requests().toString());
    }
}
