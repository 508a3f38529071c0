package io.alertas.plugins.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
class PrivilegedLogonTest {

    private static final String INDEX = "winlogbeat-privileged-logon-test";
    /** Fixtures sit 70 s to 90 s before this instant; with the 1 minute query delay the first window is [now-2m, now-1m). */
    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");

    @BeforeAll
    static void indexLogons(ElasticsearchNode node) {
        node.createIndex(INDEX, Fixtures.json(PrivilegedLogonTest.class, "/mappings/winlogbeat.json"));
        node.index(INDEX, Fixtures.load(PrivilegedLogonTest.class, "/fixtures/logons.ndjson", NOW));
    }

    @Test
    void firesPerWatchedUserWithCountHostAndSource(ElasticsearchNode node) {
        AlertOutcome outcome = AlertTester.of(SecurityAlerts.class, node)
                .set("privileged_logon", Map.of("index", INDEX,
                        "params", Map.of("users", List.of("Administrator", "jesus.pacheco", "pedro.rodriguez"))))
                .evaluate("privileged_logon", NOW);

        assertEquals(Status.FIRED, outcome.status(), String.valueOf(outcome.error()));
        assertEquals("Privileged accounts logged on: Administrator (2), jesus.pacheco (1)",
                outcome.evaluation().message());
        List<Finding> findings = outcome.evaluation().findings();
        assertEquals(List.of("Administrator", "jesus.pacheco"), findings.stream().map(Finding::key).toList());
        assertEquals("2 logons on dc01.corp.local from 10.0.4.21", findings.get(0).text());
    }

    @Test
    void staysQuietWhenNoWatchedUserLoggedOnInTheWindow(ElasticsearchNode node) {
        // pedro.rodriguez failed (4625) inside the window and logged on 30 minutes earlier, outside it
        AlertOutcome outcome = AlertTester.of(SecurityAlerts.class, node)
                .set("privileged_logon", Map.of("index", INDEX, "params", Map.of("users", List.of("pedro.rodriguez"))))
                .evaluate("privileged_logon", NOW);

        assertEquals(Status.QUIET, outcome.status(), String.valueOf(outcome.error()));
    }

    @Test
    void watchesAdministratorByDefault(ElasticsearchNode node) {
        AlertOutcome outcome = AlertTester.of(SecurityAlerts.class, node)
                .set("privileged_logon", Map.of("index", INDEX))
                .evaluate("privileged_logon", NOW);

        assertEquals(List.of("Administrator"),
                outcome.evaluation().findings().stream().map(Finding::key).toList());
        assertTrue(outcome.evaluation().message().contains("Administrator (2)"));
    }

    @Test
    void aLogonAtTheWindowEndBelongsToTheNextWindow(ElasticsearchNode node) {
        AlertTester tester = AlertTester.of(SecurityAlerts.class, node)
                .set("privileged_logon", Map.of("index", INDEX, "params", Map.of("users", List.of("svc-backup"))));

        // svc-backup logged on at NOW - 70 s: a pass at NOW - 10 s reads [NOW - 130 s, NOW - 70 s), end excluded
        assertEquals(Status.QUIET, tester.evaluate("privileged_logon", NOW.minusSeconds(10)).status());
        // a pass at NOW reads [NOW - 120 s, NOW - 60 s)
        assertEquals(Status.FIRED, tester.evaluate("privileged_logon", NOW).status());
    }
}
