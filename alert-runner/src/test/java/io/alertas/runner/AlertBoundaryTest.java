package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever one alert's code throws, or however its time arithmetic overflows, fails that alert alone: the
 * others run and deliver, the pass exits 1 and names it.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class AlertBoundaryTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook");

    /**
     * A team jar's alerts: one that fires; rules whose query() throws, overflows and recurses without end; one
     * whose evaluator remembers a JSON object that throws when the pass copies it into the state.
     */
    private static final String MODULE = """
            package com.example.team;

            import com.fasterxml.jackson.databind.JsonNode;
            import com.fasterxml.jackson.databind.node.JsonNodeFactory;
            import com.fasterxml.jackson.databind.node.ObjectNode;
            import io.alertas.spi.*;
            import java.time.Duration;
            import java.util.List;
            import java.util.function.Function;

            public final class TeamAlerts implements AlertModule {
                @Override public String name() { return "team"; }
                @Override public List<AlertDefinition> alerts() {
                    return List.of(
                            AlertDefinition.builder("backup_account_logon").index("%1$s")
                                    .query(Query.of("backup", "{\\"query\\": {\\"term\\": {\\"winlog.event_data.TargetUserName\\": \\"svc-backup\\"}}}"))
                                    .media(List.of("slack"))
                                    .evaluator((response, context) -> Evaluation.fire("svc-backup logged on"))
                                    .build(),
                            ruled("rule_query_throws", c -> { throw new IllegalStateException("rule query threw on purpose"); }),
                            ruled("rule_query_overflows", c -> {
                                c.window().end().minus(Duration.ofDays(106751991167300L));
                                return null;
                            }),
                            ruled("rule_query_recurses", c -> deep(0)),
                            ruled("rule_query_quotes_a_secret", c -> {
                                throw new IllegalStateException("the cluster refused the password %2$s");
                            }),
                            AlertDefinition.builder("remembers_a_trap").index("%1$s")
                                    .query(Query.of("any", "{\\"query\\": {\\"match_all\\": {}}}"))
                                    .evaluator((response, context) -> Evaluation.quiet().remembering(trap(1)))
                                    .build());
                }

                private static AlertDefinition ruled(String name, Function<AlertContext, JsonNode> query) {
                    return AlertDefinition.builder(name).index("%1$s").media(List.of("slack")).rule(new Rule() {
                        @Override public JsonNode query(AlertContext context) { return query.apply(context); }
                        @Override public List<Param> params() { return List.of(); }
                        @Override public String describe() { return "team rule"; }
                        @Override public Evaluation evaluate(JsonNode response, AlertContext context) {
                            return Evaluation.fire("never reached");
                        }
                    }).build();
                }

                /** An object whose copies throw after {@code copies} of them. */
                private static ObjectNode trap(int copies) {
                    return new ObjectNode(JsonNodeFactory.instance) {
                        @Override public ObjectNode deepCopy() {
                            if (copies == 0) {
                                throw new IllegalStateException("this memory cannot be copied again");
                            }
                            return trap(copies - 1);
                        }
                    };
                }

                private static JsonNode deep(int depth) {
                    return depth < 0 ? null : deep(depth + 1);
                }
            }
            """;

    /** A module whose alert is built with a throttle period past any sane bound. */
    private static final String HUGE = """
            package com.example.huge;

            import io.alertas.spi.*;
            import java.time.Duration;
            import java.util.List;

            public final class HugeAlerts implements AlertModule {
                @Override public String name() { return "huge"; }
                @Override public List<AlertDefinition> alerts() {
                    return List.of(AlertDefinition.builder("forever_quiet").index("%s")
                            .query(Query.of("huge", "{\\"query\\": {\\"match_all\\": {}}}"))
                            .throttlePeriod(Duration.ofDays(106751991167300L))
                            .evaluator((response, context) -> Evaluation.fire("fired"))
                            .build());
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

    private void teamJar() throws Exception {
        TestingJars.build(work, config.dir.resolve("plugins/team-alerts-1.0.jar"),
                Map.of("com.example.team.TeamAlerts", MODULE.formatted(TestingConfig.LOGONS, ElasticsearchNode.PASSWORD)),
                Map.of("META-INF/services/io.alertas.spi.AlertModule", "com.example.team.TeamAlerts\n"));
    }

    @Test
    void whatOneAlertsCodeThrowsFailsOnlyThatAlert() throws Exception {
        teamJar();

        for (int pass = 0; pass < 2; pass++) {
            TestingConfig.Result run = config.run("run", "--now", "2026-05-04T10:1" + (5 + pass) + ":00Z");

            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.err().contains("alert \"rule_query_throws\" failed: its query threw "
                    + "java.lang.IllegalStateException: rule query threw on purpose"), run.err());
            assertTrue(run.err().contains("alert \"rule_query_overflows\" failed: its query threw java.time."), run.err());
            assertTrue(run.err().contains("alert \"rule_query_recurses\" failed: its query threw java.lang.StackOverflowError"),
                    run.err());
            assertTrue(run.err().contains("alert \"remembers_a_trap\" failed: its outcome threw java.lang."
                    + "IllegalStateException: this memory cannot be copied again"), run.err());
            assertFalse(run.err().contains("run failed"), run.err());
        }
        assertTrue(slack.requests().stream().anyMatch(r -> r.body().contains("svc-backup logged on")), slack.requests().toString());
        assertTrue(slack.requests().stream().anyMatch(r -> r.body().contains("web-01:/")), slack.requests().toString());
        assertTrue(config.read("throttle_period.json").contains("\"backup_account_logon\""), "the good alert's window moved on");
    }

    @Test
    void validateConnectNamesARuleWhoseQueryThrowsAndChecksTheOthers() throws Exception {
        teamJar();

        TestingConfig.Result result = config.run("validate", "--connect");

        assertEquals(1, result.exit(), result.out() + result.err());
        assertTrue(result.out().matches("(?s).*problem +alert \"rule_query_throws\" +its query threw"
                + " java.lang.IllegalStateException: rule query threw on purpose.*"), result.out());
        assertTrue(result.out().matches("(?s).*problem +alert \"rule_query_recurses\" +its query threw"
                + " java.lang.StackOverflowError.*"), result.out());
        assertTrue(result.out().matches("(?s).*ok +alert \"backup_account_logon\".*"), result.out());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    @Test
    void testOfARuleWhoseQueryRecursesSaysSoInOneLine() throws Exception {
        teamJar();

        TestingConfig.Result result = config.run("test", "rule_query_recurses");

        assertEquals(1, result.exit(), result.out() + result.err());
        assertTrue(result.err().startsWith("alert-runner: test failed: alert \"rule_query_recurses\": its query threw"
                + " java.lang.StackOverflowError"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    @Test
    void aCommandFailedByWhatAnAlertsCodeThrowsSaysSoWithTheSecretsMasked() throws Exception {
        teamJar();

        TestingConfig.Result result = config.run("test", "rule_query_quotes_a_secret");

        assertEquals(1, result.exit(), result.out() + result.err());
        assertTrue(result.err().startsWith("alert-runner: test failed: alert \"rule_query_quotes_a_secret\": its query"
                + " threw java.lang.IllegalStateException: the cluster refused the password "), result.err());
        assertFalse(result.err().contains(ElasticsearchNode.PASSWORD), result.err());
    }

    @Test
    void aJavaAlertBuiltWithAHugeDurationIsRefusedWithItsJarAndTheOthersDeliver() throws Exception {
        Path jar = TestingJars.build(work, config.dir.resolve("plugins/huge-alerts-1.0.jar"),
                Map.of("com.example.huge.HugeAlerts", HUGE.formatted(TestingConfig.LOGONS)),
                Map.of("META-INF/services/io.alertas.spi.AlertModule", "com.example.huge.HugeAlerts\n"));

        TestingConfig.Result run = config.run("run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(jar + ": com.example.huge.HugeAlerts skipped: its module failed: "), run.err());
        assertTrue(run.err().contains("the throttle period of alert forever_quiet must be from 0 to 1095d (3 years)"), run.err());
        assertTrue(slack.requests().stream().anyMatch(r -> r.body().contains("web-01:/")), slack.requests().toString());
    }
}
