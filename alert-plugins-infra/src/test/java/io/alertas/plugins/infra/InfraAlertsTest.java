package io.alertas.plugins.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.core.pass.PassReport.AlertOutcome;
import io.alertas.core.pass.PassReport.Status;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.AlertModule;
import io.alertas.spi.Finding;
import io.alertas.testkit.AlertTester;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every infrastructure alert against a real Elasticsearch: a case that fires, one at the threshold's edge,
 * one quiet. The first window of a pass at {@link #NOW} is [NOW - 2 min, NOW - 1 min).
 */
@ExtendWith(ElasticsearchExtension.class)
class InfraAlertsTest {

    static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");
    private static final String METRICS = "metricbeat-infra-alerts-test";
    private static final String HEARTBEAT = "heartbeat-infra-alerts-test";
    private static final String LOGS = "logs-app-infra-alerts-test";
    private static final String LOG_LINE = """
            {"@timestamp":"{{now-%ds}}","log":{"level":"%s","logger":"app"},"service":{"name":"%s"},"message":"request failed","event":{"dataset":"app.log"},"host":{"name":"app-01"}}
            """;

    @BeforeAll
    static void indexDocuments(ElasticsearchNode node) {
        node.createIndex(METRICS, Fixtures.json(InfraAlertsTest.class, "/mappings/metricbeat.json"));
        node.index(METRICS, Fixtures.load(InfraAlertsTest.class, "/fixtures/metricbeat.ndjson", NOW));
        node.createIndex(HEARTBEAT, Fixtures.json(InfraAlertsTest.class, "/mappings/heartbeat.json"));
        node.index(HEARTBEAT, Fixtures.load(InfraAlertsTest.class, "/fixtures/heartbeat.ndjson", NOW));
        node.createIndex(LOGS, Fixtures.json(InfraAlertsTest.class, "/mappings/logs.json"));
        node.index(LOGS, Fixtures.parse(errorLogs(), NOW, "error logs"));
    }

    /**
     * Errors per service: in the window [now-120 s, now-60 s) and in the 60 minutes before it. With 60
     * one-minute windows in the baseline, a window's average is the baseline count / 60.
     */
    private static String errorLogs() {
        StringBuilder logs = new StringBuilder();
        Map<String, int[]> counts = Map.of(
                "checkout", new int[] {12, 60},   // average 1, 12 > 3 x 1: spike
                "search", new int[] {25, 600},    // average 10, 25 < 3 x 10
                "billing", new int[] {12, 240},   // average 4, 12 = 3 x 4: not above
                "auth", new int[] {9, 0});        // no baseline, but under min_count
        counts.forEach((service, n) -> {
            for (int i = 0; i < n[0]; i++) {
                logs.append(LOG_LINE.formatted(119 - i, "error", service));
            }
            for (int i = 0; i < n[1]; i++) {
                logs.append(LOG_LINE.formatted(121 + (i * 3599L / Math.max(1, n[1])), "error", service));
            }
        });
        for (int i = 0; i < 50; i++) {
            logs.append(LOG_LINE.formatted(100, "info", "checkout"));
        }
        return logs.toString();
    }

    private static AlertOutcome evaluate(ElasticsearchNode node, String alert, String index, Map<String, ?> params) {
        Map<String, Object> settings = new HashMap<>(Map.of("params", params));
        if (index != null) {
            settings.put("index", index);
        }
        AlertOutcome outcome = AlertTester.of(InfraAlerts.class, node).set(alert, settings).evaluate(alert, NOW);
        if (outcome.status() == Status.FAILED) {
            throw new AssertionError(alert + " failed: " + outcome.error());
        }
        return outcome;
    }

    private static List<String> keys(AlertOutcome outcome) {
        return outcome.evaluation().findings().stream().map(Finding::key).toList();
    }

    @Test
    void theModuleIsFoundThroughItsServicesFileWithEveryAlert() {
        List<String> names = ServiceLoader.load(AlertModule.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(m -> m.name().equals("infra"))
                .flatMap(m -> m.alerts().stream())
                .map(AlertDefinition::name)
                .toList();

        assertEquals(List.of("filesystem_usage", "cpu_high", "memory_high", "host_silent", "monitor_down",
                "tls_certificate_expiring", "cluster_health", "error_log_spike"), names);
    }

    @Test
    void filesystemUsageFiresPerHostAndMountAboveTheThreshold(ElasticsearchNode node) {
        AlertOutcome outcome = evaluate(node, "filesystem_usage", METRICS, Map.of());

        assertEquals("Filesystems fuller than 90.0%", outcome.evaluation().message());
        assertEquals(List.of(Finding.of("db-02:/var/lib/postgresql", "90.0% used"), Finding.of("web-01:/", "95.1% used")),
                outcome.evaluation().findings());
        // db-01 is at 0.9 exactly: not above 0.9, and not above 0.95
        assertEquals(List.of("web-01:/"), keys(evaluate(node, "filesystem_usage", METRICS, Map.of("threshold", 0.95))));
        assertEquals(Status.QUIET, evaluate(node, "filesystem_usage", METRICS, Map.of("threshold", 0.96)).status());
    }

    @Test
    void cpuHighAveragesTheWindowPerHost(ElasticsearchNode node) {
        AlertOutcome outcome = evaluate(node, "cpu_high", METRICS, Map.of());

        assertEquals("CPU above 90.0%: web-01", outcome.evaluation().message(outcome.evaluation().findings()));
        assertEquals(List.of(Finding.of("web-01", "average CPU 95.3% over 2 samples")), outcome.evaluation().findings());
        // db-01 averages 0.25 and 0.75 in the window (its 1.0 comes after it): 0.5 is not above 0.5
        assertEquals(List.of("web-01"), keys(evaluate(node, "cpu_high", METRICS, Map.of("threshold", 0.5))));
        assertEquals(List.of("db-01", "web-01"), keys(evaluate(node, "cpu_high", METRICS, Map.of("threshold", 0.49))));
        assertEquals(Status.QUIET, evaluate(node, "cpu_high", METRICS, Map.of("threshold", 0.96)).status());
    }

    @Test
    void memoryHighAveragesTheWindowPerHost(ElasticsearchNode node) {
        assertEquals(List.of(Finding.of("db-01", "average memory 96.9% over 1 sample")),
                evaluate(node, "memory_high", METRICS, Map.of()).evaluation().findings());
        assertEquals(Status.QUIET, evaluate(node, "memory_high", METRICS, Map.of("threshold", 0.96875)).status());
    }

    @Test
    void hostSilentNamesHostsThatStoppedReportingWithinTheLookback(ElasticsearchNode node) {
        AlertOutcome outcome = evaluate(node, "host_silent", METRICS, Map.of());

        assertEquals(List.of(Finding.of("app-01", "no documents for 29 minutes, last at 2026-05-04T09:45:00Z"),
                Finding.of("old-01", "no documents for 29 minutes, last at 2026-05-04T09:45:00Z")),
                outcome.evaluation().findings());
        // 29 minutes of silence before the window's end is not more than 29
        assertEquals(Status.QUIET, evaluate(node, "host_silent", METRICS, Map.of("silent_minutes", 29)).status());
        assertEquals(List.of("app-01", "old-01"), keys(evaluate(node, "host_silent", METRICS, Map.of("silent_minutes", 28))));
    }

    @Test
    void monitorDownFiresForMonitorsWhoseLatestCheckIsDown(ElasticsearchNode node) {
        AlertOutcome outcome = evaluate(node, "monitor_down", HEARTBEAT, Map.of());

        // web-home was down, then up again: not reported
        assertEquals(List.of(Finding.of("api-health", "API health: down in 2 of 2 checks, https://api.example.com/health"
                + " (Get \"https://api.example.com/health\": dial tcp 10.0.5.9:443: connect: connection refused)")),
                outcome.evaluation().findings());
        assertEquals(Status.QUIET, evaluate(node, "monitor_down", METRICS, Map.of()).status());
    }

    @Test
    void tlsCertificateExpiringFiresWithinTheDays(ElasticsearchNode node) {
        assertEquals(List.of(Finding.of("web-home",
                "certificate of https://www.example.com/ expires 2026-05-14T10:15:00Z (in 10 days)")),
                evaluate(node, "tls_certificate_expiring", HEARTBEAT, Map.of()).evaluation().findings());
        // it expires 10 days and 1 minute after the window's end
        assertEquals(Status.QUIET, evaluate(node, "tls_certificate_expiring", HEARTBEAT, Map.of("days", 10)).status());
        assertEquals(List.of("web-home"), keys(evaluate(node, "tls_certificate_expiring", HEARTBEAT, Map.of("days", 11))));
    }

    @Test
    void errorLogSpikeComparesTheWindowWithTheBaselineAverage(ElasticsearchNode node) {
        AlertOutcome outcome = evaluate(node, "error_log_spike", LOGS, Map.of());

        assertEquals("Error spike: checkout", outcome.evaluation().message(outcome.evaluation().findings()));
        assertEquals(List.of(Finding.of("checkout", "12 errors in the window, against 1.0 a window before")),
                outcome.evaluation().findings());
        assertEquals(List.of("checkout", "auth"), keys(evaluate(node, "error_log_spike", LOGS, Map.of("min_count", 9))));
        assertEquals(List.of("billing", "checkout"), keys(evaluate(node, "error_log_spike", LOGS, Map.of("factor", 2.9))));
    }

    @Test
    void clusterHealthFiresWhenTheClusterIsNotGreen(ElasticsearchNode node) throws Exception {
        assertEquals(Status.QUIET, evaluate(node, "cluster_health", null, Map.of()).status());

        // a replica a single node cannot place turns the cluster yellow
        node.request("PUT", "/replicated-infra-alerts-test",
                new ObjectMapper().readTree("{\"settings\": {\"number_of_replicas\": 1}}"));
        try {
            AlertOutcome yellow = evaluate(node, "cluster_health", null, Map.of());
            assertEquals("Health of cluster alertas-test: yellow", yellow.evaluation().message(yellow.evaluation().findings()));
            assertEquals("yellow", yellow.evaluation().findings().get(0).key());
            assertTrue(yellow.evaluation().findings().get(0).text().startsWith("1 unassigned shards (0 primaries)"),
                    yellow.evaluation().findings().get(0).text());
            assertEquals(Status.QUIET, evaluate(node, "cluster_health", null, Map.of("fire_on", "red")).status());
        } finally {
            node.deleteIndices("replicated-infra-alerts-test");
        }
    }
}
