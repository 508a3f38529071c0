package io.alertas.plugins.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alertas.core.PassReport.AlertOutcome;
import io.alertas.core.PassReport.Status;
import io.alertas.core.spi.Finding;
import io.alertas.testkit.AlertTester;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElasticsearchExtension.class)
class FilesystemUsageTest {

    private static final String INDEX = "metricbeat-filesystem-usage-test";
    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");

    @BeforeAll
    static void indexMetrics(ElasticsearchNode node) {
        node.createIndex(INDEX, Fixtures.json(FilesystemUsageTest.class, "/mappings/metricbeat.json"));
        node.index(INDEX, Fixtures.load(FilesystemUsageTest.class, "/fixtures/filesystems.ndjson", NOW));
    }

    private static AlertOutcome evaluate(ElasticsearchNode node, Map<String, ?> params) {
        return AlertTester.of(InfraAlerts.class, node)
                .set("filesystem_usage", Map.of("index", INDEX, "params", params))
                .evaluate("filesystem_usage", NOW);
    }

    @Test
    void firesPerHostAndMountAboveTheDefaultThreshold(ElasticsearchNode node) {
        AlertOutcome outcome = evaluate(node, Map.of());

        assertEquals(Status.FIRED, outcome.status(), String.valueOf(outcome.error()));
        assertEquals("2 filesystems are fuller than 90.0%", outcome.evaluation().message());
        assertEquals(List.of(new Finding("db-02:/var/lib/postgresql", "90.0% used"), new Finding("web-01:/", "95.1% used")),
                outcome.evaluation().findings());
    }

    @Test
    void exactlyAtTheThresholdStaysQuiet(ElasticsearchNode node) {
        // db-01 is at 0.9 exactly: not above it
        AlertOutcome outcome = evaluate(node, Map.of("threshold", 0.95));

        assertEquals(List.of("web-01:/"), outcome.evaluation().findings().stream().map(Finding::key).toList());
    }

    @Test
    void staysQuietWhenEveryFilesystemIsBelowTheThreshold(ElasticsearchNode node) {
        AlertOutcome outcome = evaluate(node, Map.of("threshold", 0.96));

        assertEquals(Status.QUIET, outcome.status(), String.valueOf(outcome.error()));
    }
}
