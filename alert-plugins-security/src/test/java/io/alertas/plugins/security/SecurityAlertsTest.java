package io.alertas.plugins.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every security alert against a real Elasticsearch: a case that fires, one at the threshold's edge, and
 * quiet on a normal minute. The first window of a pass at {@link #NOW} is [NOW - 2 min, NOW - 1 min).
 */
@ExtendWith(ElasticsearchExtension.class)
class SecurityAlertsTest {

    static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");
    private static final String WINDOWS = "winlogbeat-security-alerts-test";
    private static final String LINUX = "filebeat-security-alerts-test";
    private static final String QUIET = "winlogbeat-quiet-day-test";
    private static final String SPRAY = """
            {"@timestamp":"{{now-%ds}}","event":{"code":"4625","action":"logon-failed","outcome":"failure","category":["authentication"],"module":"security"},"winlog":{"channel":"Security","event_id":"4625","logon":{"type":"Network"},"event_data":{"TargetUserName":"%s","TargetDomainName":"CORP","LogonType":"3","Status":"0xc000006d","SubStatus":"0xc0000064"}},"user":{"name":"%s","domain":"CORP"},"host":{"name":"dc01.corp.local"},"source":{"ip":"%s","port":%d}}
            """;
    private static final String SSH_FAILURE = """
            {"@timestamp":"{{now-%ds}}","message":"Failed password for %s from %s port %d ssh2","event":{"action":"ssh_login","category":["authentication"],"type":["info"],"outcome":"failure","module":"system","dataset":"system.auth"},"process":{"name":"sshd","pid":%d},"system":{"auth":{"ssh":{"event":"Failed","method":"password"}}},"user":{"name":"%s"},"host":{"name":"bastion-01"},"source":{"ip":"%s","port":%d}}
            """;

    @BeforeAll
    static void indexEvents(ElasticsearchNode node) {
        StringBuilder windows = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            windows.append(SPRAY.formatted(110 - i, "u%02d".formatted(i), "u%02d".formatted(i), "203.0.113.7", 40000 + i));
        }
        for (int i = 1; i <= 9; i++) {
            windows.append(SPRAY.formatted(110 - i, "v%02d".formatted(i), "v%02d".formatted(i), "198.51.100.9", 41000 + i));
        }
        StringBuilder linux = new StringBuilder();
        String[] users = {"root", "admin", "oracle", "test", "ubuntu"};
        for (int i = 0; i < 10; i++) {
            linux.append(SSH_FAILURE.formatted(115 - i, users[i % 5], "192.0.2.10", 50000 + i, 3000 + i, users[i % 5],
                    "192.0.2.10", 50000 + i));
        }
        for (int i = 0; i < 9; i++) {
            linux.append(SSH_FAILURE.formatted(115 - i, "root", "192.0.2.11", 52000 + i, 4000 + i, "root", "192.0.2.11",
                    52000 + i));
        }
        linux.append(SSH_FAILURE.formatted(30, "root", "192.0.2.11", 52100, 4100, "root", "192.0.2.11", 52100));

        node.createIndex(WINDOWS, Fixtures.json(SecurityAlertsTest.class, "/mappings/winlogbeat.json"));
        node.index(WINDOWS, Fixtures.load(SecurityAlertsTest.class, "/fixtures/windows-security.ndjson", NOW));
        node.index(WINDOWS, Fixtures.parse(windows.toString(), NOW, "spray"));
        node.createIndex(LINUX, Fixtures.json(SecurityAlertsTest.class, "/mappings/filebeat.json"));
        node.index(LINUX, Fixtures.parse(linux.toString(), NOW, "ssh"));
        node.createIndex(QUIET, Fixtures.json(SecurityAlertsTest.class, "/mappings/winlogbeat.json"));
        node.index(QUIET, Fixtures.load(SecurityAlertsTest.class, "/fixtures/quiet-day.ndjson", NOW));
    }

    private static AlertOutcome evaluate(ElasticsearchNode node, String alert, String index, Map<String, ?> params) {
        AlertOutcome outcome = AlertTester.of(SecurityAlerts.class, node)
                .set(alert, Map.of("index", index, "params", params))
                .evaluate(alert, NOW);
        if (outcome.status() == Status.FAILED) {
            throw new AssertionError(alert + " failed: " + outcome.error());
        }
        return outcome;
    }

    private static List<Finding> findings(ElasticsearchNode node, String alert, String index, Map<String, ?> params) {
        return evaluate(node, alert, index, params).evaluation().findings();
    }

    private static List<String> keys(List<Finding> findings) {
        return findings.stream().map(Finding::key).toList();
    }

    @Test
    void theModuleIsFoundThroughItsServicesFileWithEveryAlert() {
        List<String> names = ServiceLoader.load(AlertModule.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(m -> m.name().equals("security"))
                .flatMap(m -> m.alerts().stream())
                .map(AlertDefinition::name)
                .toList();

        assertEquals(List.of("privileged_logon", "failed_logon_burst", "password_spray", "account_locked_out",
                "user_account_created", "privileged_group_member_added", "audit_log_cleared", "service_installed",
                "ssh_brute_force"), names);
    }

    @ParameterizedTest
    @ValueSource(strings = {"privileged_logon", "failed_logon_burst", "password_spray", "account_locked_out",
            "user_account_created", "privileged_group_member_added", "audit_log_cleared", "service_installed",
            "ssh_brute_force"})
    void everyAlertStaysQuietOnANormalMinute(String alert, ElasticsearchNode node) {
        assertEquals(Status.QUIET, evaluate(node, alert, QUIET, Map.of()).status());
    }

    @Test
    void failedLogonBurstFiresAtTheThresholdPerAccount(ElasticsearchNode node) {
        AlertOutcome outcome = evaluate(node, "failed_logon_burst", WINDOWS, Map.of());

        assertEquals("Failed-logon burst: alice", outcome.evaluation().message(outcome.evaluation().findings()));
        assertEquals(List.of(Finding.of("alice", "5 failed logons on dc01.corp.local from 10.0.4.50")),
                outcome.evaluation().findings());
        assertEquals(List.of("alice", "bob"), keys(findings(node, "failed_logon_burst", WINDOWS, Map.of("threshold", 4))));
        assertEquals(Status.QUIET, evaluate(node, "failed_logon_burst", WINDOWS, Map.of("threshold", 6)).status());
    }

    @Test
    void passwordSprayFiresForOneAddressFailingAgainstManyAccounts(ElasticsearchNode node) {
        List<Finding> findings = findings(node, "password_spray", WINDOWS, Map.of());

        assertEquals(List.of(Finding.of("203.0.113.7",
                "10 failed logons against 10 accounts, such as u01, u02, u03, u04, u05")), findings);
        assertEquals(List.of("203.0.113.7", "198.51.100.9"),
                keys(findings(node, "password_spray", WINDOWS, Map.of("distinct_users", 9))));
        assertEquals(Status.QUIET, evaluate(node, "password_spray", WINDOWS, Map.of("distinct_users", 11)).status());
    }

    @Test
    void accountLockedOutNamesTheCallerComputerAndOnlyReadsTheWindow(ElasticsearchNode node) {
        assertEquals(List.of(Finding.of("pedro.rodriguez", "locked out 1 time by WS17 on dc01.corp.local")),
                findings(node, "account_locked_out", WINDOWS, Map.of()));
    }

    @Test
    void userAccountCreatedNamesWhoCreatedIt(ElasticsearchNode node) {
        assertEquals(List.of(Finding.of("eve", "created by admin on dc01.corp.local")),
                findings(node, "user_account_created", WINDOWS, Map.of()));
    }

    @Test
    void privilegedGroupMemberAddedNamesMemberGroupAndActorForWatchedGroupsOnly(ElasticsearchNode node) {
        List<Finding> findings = findings(node, "privileged_group_member_added", WINDOWS, Map.of());

        assertEquals(List.of(Finding.of("Domain Admins:eve", "eve (CN=eve,OU=Staff,DC=corp,DC=local) added to "
                + "Domain Admins by admin on dc01.corp.local at 2026-05-04T10:13:37Z")), findings);
        assertEquals(List.of("Domain Admins:eve", "Backup Operators:mallory"), keys(findings(node,
                "privileged_group_member_added", WINDOWS, Map.of("groups", List.of("Domain Admins", "Backup Operators")))));
    }

    @Test
    void auditLogClearedNamesTheHostAndWhoFromUserData(ElasticsearchNode node) {
        assertEquals(List.of(Finding.of("dc01.corp.local", "cleared by CORP\\admin at 2026-05-04T10:13:39Z")),
                findings(node, "audit_log_cleared", WINDOWS, Map.of()));
    }

    @Test
    void serviceInstalledNamesTheServiceAndItsImagePath(ElasticsearchNode node) {
        assertEquals(List.of(Finding.of("ws17.corp.local:PSEXESVC",
                "service PSEXESVC installed: %SystemRoot%\\PSEXESVC.exe (start demand start, account LocalSystem)")),
                findings(node, "service_installed", WINDOWS, Map.of()));
    }

    @Test
    void sshBruteForceFiresAtTheThresholdPerSourceAddress(ElasticsearchNode node) {
        assertEquals(List.of(Finding.of("192.0.2.10",
                "10 failed SSH logins for admin, oracle, root, test, ubuntu on bastion-01")),
                findings(node, "ssh_brute_force", LINUX, Map.of()));
        // 192.0.2.11 failed 9 times in the window and once after it
        assertEquals(List.of("192.0.2.10", "192.0.2.11"), keys(findings(node, "ssh_brute_force", LINUX, Map.of("threshold", 9))));
        assertEquals(Status.QUIET, evaluate(node, "ssh_brute_force", LINUX, Map.of("threshold", 11)).status());
    }

    @Test
    void privilegedLogonFiresPerWatchedUser(ElasticsearchNode node) {
        assertEquals(Status.QUIET, evaluate(node, "privileged_logon", WINDOWS, Map.of()).status());
        assertEquals(Status.QUIET, evaluate(node, "privileged_logon", QUIET, Map.of("users", List.of("Administrator"))).status());
        assertEquals(List.of(Finding.of("bob", "1 logon on ws22.corp.local from 127.0.0.1")),
                findings(node, "privileged_logon", QUIET, Map.of("users", List.of("bob", "Administrator"))));
    }

    @Test
    void aLogonAtTheWindowsEndBelongsToTheNextWindow(ElasticsearchNode node) {
        AlertTester tester = AlertTester.of(SecurityAlerts.class, node).set("privileged_logon",
                Map.of("index", QUIET, "params", Map.of("users", List.of("bob", "carol"))));

        // bob logged on at NOW - 100 s, carol at NOW - 90 s; a pass at NOW - 30 s reads [NOW - 150 s, NOW - 90 s)
        assertEquals(List.of("bob"), keys(tester.evaluate("privileged_logon", NOW.minusSeconds(30)).evaluation().findings()));
        assertEquals(List.of("bob", "carol"), keys(tester.evaluate("privileged_logon", NOW).evaluation().findings()));
    }

    @Test
    void anEventAtTheWindowsEndBelongsToTheNextPass(ElasticsearchNode node) {
        // a pass at NOW - s reads [NOW - 120 s - s, NOW - 60 s - s): an event at NOW - 60 s - s is not in it
        AlertTester tester = AlertTester.of(SecurityAlerts.class, node);
        for (String alert : List.of("account_locked_out", "user_account_created", "audit_log_cleared", "service_installed")) {
            tester.set(alert, Map.of("index", WINDOWS));
        }
        tester.assertQuiet("service_installed", NOW.minusSeconds(20));           // installed at NOW - 80 s
        tester.assertKeys("audit_log_cleared", NOW.minusSeconds(20), "dc01.corp.local");
        tester.assertQuiet("audit_log_cleared", NOW.minusSeconds(21));           // cleared at NOW - 81 s
        tester.assertKeys("user_account_created", NOW.minusSeconds(23), "eve");
        tester.assertQuiet("user_account_created", NOW.minusSeconds(24));        // created at NOW - 84 s
        tester.assertQuiet("account_locked_out", NOW.minusSeconds(25));          // locked out at NOW - 85 s
    }
}
