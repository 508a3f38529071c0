package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Params are declared with a type; a name that is not declared or a value of the wrong type stops the run
 * with exit 2 at its file:line:column, before anything is queried or sent, for a Java alert and an alerts.d one.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class DeclaredParamsTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook");

    private static final String BUSY_HOST = """
            {
              "index": "winlogbeat-runner-test",
              "media": ["slack"],
              "params": {"min_logons": %s},
              "query": {
                "size": 0,
                "query": {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}},
                "aggs": {"hosts": {"terms": {"field": "host.name"}}}
              },
              "condition": {"buckets": "aggregations.hosts.buckets", "path": "doc_count", "op": "gte", "value": "{{params.min_logons}}"},
              "message": "%s"
            }
            """;

    private RecordingHttpServer slack;
    private TestingConfig config;

    @BeforeEach
    void setUp() {
        config.alerts(Map.of());
    }

    private void assertNothingRan(TestingConfig.Result run) {
        assertEquals(2, run.exit(), run.err());
        assertEquals(0, slack.requests().size());
        assertFalse(Files.exists(config.dir.resolve("throttle_period.json")), "no state was written");
        assertFalse(run.err().contains("\tat "), run.err());
    }

    /** {@code file:line:column} of the first {@code token} in the config file {@code file}. */
    private String place(String file, String token) {
        String[] lines = config.read(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(token)) {
                return file + ":" + (i + 1) + ":" + (lines[i].indexOf(token) + 1);
            }
        }
        throw new AssertionError(file + " has no " + token);
    }

    @Test
    void aJavaAlertsParamTypoAndWrongTypeEachExit2AtTheirPlace() {
        config.alerts(Map.of("cpu_high", Map.of("index", TestingConfig.METRICS, "params", Map.of("treshold", 0.5))));

        TestingConfig.Result typo = config.run("run");

        assertNothingRan(typo);
        assertTrue(typo.err().contains(place("alerts.json", "\"treshold\"") + ": alert \"cpu_high\": param \"treshold\":"
                + " not declared; declared: threshold"), typo.err());

        config.alerts(Map.of("cpu_high", Map.of("index", TestingConfig.METRICS, "params", Map.of("threshold", "high"))));
        TestingConfig.Result wrongType = config.run("validate");

        assertNothingRan(wrongType);
        assertTrue(wrongType.err().contains(place("alerts.json", "\"threshold\"") + ": alert \"cpu_high\": param"
                + " \"threshold\": must be a number, not \"high\""), wrongType.err());

        config.alerts(Map.of("cpu_high", Map.of("index", TestingConfig.METRICS, "params", Map.of("threshold", 1.5))));
        TestingConfig.Result outOfRange = config.run("run");

        assertNothingRan(outOfRange);
        assertTrue(outOfRange.err().contains(place("alerts.json", "\"threshold\"") + ": alert \"cpu_high\": param"
                + " \"threshold\": must be between 0 and 1, not 1.5"), outOfRange.err());
    }

    @Test
    void anAlertsDParamTypoAndWrongTypeEachExit2AtTheirPlaceAndTheDeclaredParamDecides() {
        config.write("alerts.d/busy_host.json", BUSY_HOST.formatted(
                "{\"type\": \"integer\", \"default\": \"two\"}", "{{doc_count}} logons"));

        TestingConfig.Result wrongType = config.run("run");

        assertNothingRan(wrongType);
        assertTrue(wrongType.err().contains(place("alerts.d/busy_host.json", "\"min_logons\"") + ": alert \"busy_host\": param \"min_logons\":"
                + " the default must be an integer, not \"two\""), wrongType.err());

        config.write("alerts.d/busy_host.json", BUSY_HOST.formatted("2", "{{doc_count}} logons, {{params.min_logon}} or more fire"));
        TestingConfig.Result typo = config.run("validate");

        assertNothingRan(typo);
        assertTrue(typo.err().contains(place("alerts.d/busy_host.json", "\"message\"") + ": alert \"busy_host\": \"message\" uses param"
                + " \"min_logon\", which the alert does not declare; declared: min_logons"), typo.err());

        config.write("alerts.d/busy_host.json", BUSY_HOST.formatted("2", "{{doc_count}} logons, {{params.min_logons}} or more fire"));
        TestingConfig.Result run = config.run("run", "--now", TestingConfig.NOW.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals(1, slack.requests().size());
        assertTrue(slack.requests().get(0).body().contains("logons, 2 or more fire"), slack.requests().get(0).body());
    }

    @Test
    void listShowsAnAlertsParamsWithTheValueInEffect() {
        config.alerts(Map.of("cpu_high", Map.of("index", TestingConfig.METRICS, "params", Map.of("threshold", 0.75))));

        TestingConfig.Result list = config.run("list", "--params", "cpu_high");

        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.matches("PARAM +TYPE +VALUE +DEFAULT +ALLOWED +MEANING")), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.matches(
                "threshold +number +0\\.75 +0\\.9 +between 0 and 1 +the average fraction above which a host is reported")),
                list.out());

        TestingConfig.Result unknown = config.run("list", "--params", "cpu_hihg");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no alert is named \"cpu_hihg\"; known alerts: "), unknown.err());
    }
}
