package io.alertas.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.core.internal.Alert;
import io.alertas.core.internal.media.EmailProvider;
import io.alertas.core.internal.media.SlackProvider;
import io.alertas.core.internal.operations.MaintenanceWindow;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Query;
import io.alertas.spi.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "maintenance" of alerts.json and the settings that name its windows: read, applied per medium, refused when wrong. */
class MaintenanceSectionTest {

    @TempDir
    Path dir;

    @BeforeEach
    void credentials() throws Exception {
        Files.writeString(dir.resolve("credentials.json"), """
                {
                  "elasticsearch": {"url": "https://es.example.com:9200"},
                  "slack": {"webhook_url": "https://hooks.slack.com/services/T0/B0/x"},
                  "email": {"from": "a@example.com", "to": ["ops@example.com"], "smtp": {"host": "127.0.0.1"}}
                }
                """);
    }

    private static Plugin plugin() {
        return new Plugin("web", "web.jar", List.of(
                AlertDefinition.builder("web_errors").index("web").severity(Severity.CRITICAL)
                        .query(Query.of("/q.json", "{}")).evaluator((r, c) -> Evaluation.quiet()).build(),
                AlertDefinition.builder("disk_usage").index("metrics").severity(Severity.WARNING)
                        .query(Query.of("/q.json", "{}")).evaluator((r, c) -> Evaluation.quiet()).build()));
    }

    private Map<String, Alert> load(String alertsJson) throws Exception {
        Files.writeString(dir.resolve("alerts.json"), alertsJson);
        return new ConfigLoader(dir, Map.<String, String>of()::get).load(List.of(plugin()),
                List.of(new SlackProvider(), new EmailProvider())).alerts().stream()
                .collect(Collectors.toMap(Alert::name, a -> a));
    }

    private String problems(String alertsJson) throws Exception {
        Files.writeString(dir.resolve("alerts.json"), alertsJson);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(dir, Map.<String, String>of()::get)
                .load(List.of(plugin()), List.of(new SlackProvider(), new EmailProvider())));
        return e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    private static List<String> names(List<MaintenanceWindow> windows) {
        return windows.stream().map(MaintenanceWindow::name).toList();
    }

    @Test
    void windowsApplyPerMediumFromTheAlertTheRoutesThatChoseTheMediumAndTheWindowsOwnMedia() throws Exception {
        Map<String, Alert> alerts = load("""
                {
                  "maintenance": {
                    "nightly": {"time_zone": "Europe/Madrid", "intervals": [{"times": [{"start": "02:00", "end": "03:00"}]}]},
                    "patching": {"intervals": [{"weekdays": ["saturday:sunday"]}]},
                    "mail_outage": {"intervals": [{"dates": ["2026-12-24:2026-12-26"]}], "media": ["email"]}
                  },
                  "routes": [{"severity": "critical", "media": ["slack"], "maintenance": ["patching"]},
                             {"severity": "warning", "media": ["email"]}],
                  "web_errors": {"maintenance": "nightly", "media": ["slack", "email"]}
                }
                """);
        Alert web = alerts.get("web_errors");
        assertEquals(List.of("nightly", "patching"), names(web.operations().maintenance("slack")));
        assertEquals(List.of("nightly", "mail_outage"), names(web.operations().maintenance("email")));
        Alert disk = alerts.get("disk_usage");
        assertEquals(List.of("mail_outage"), names(disk.operations().maintenance("email")), "the critical route does not match it");
        MaintenanceWindow nightly = web.operations().maintenance("slack").get(0);
        assertEquals(ZoneId.of("Europe/Madrid"), nightly.zone());
        assertTrue(nightly.inForce(Instant.parse("2026-06-01T00:30:00Z")), "02:30 CEST");
        assertFalse(nightly.inForce(Instant.parse("2026-06-01T01:30:00Z")));
    }

    @Test
    void eachWrongValueIsOneLineAtItsPlace() throws Exception {
        String problems = problems("""
                {
                  "maintenance": {
                    "a": {"time_zone": "Europe/Madird", "intervals": [{"weekdays": ["friday:monday", "funday"]}]},
                    "b": {"intervals": []},
                    "c": {"intervals": [{}], "media": ["pager"]},
                    "d": {"intervals": [{"times": [{"start": "22:00", "end": "02:00"}, {"start": "24:00", "end": "24:00"},
                          {"start": "7:00", "end": "24:30"}], "months": ["13", "march:january"]}]},
                    "e": {"intervals": [{"days_of_month": ["0", "-32", "-1:5", "7:1"], "dates": ["2026-02-30", "2026-12-26:2026-12-24"]}],
                          "every": "1d"},
                    "bad\\u202ename": {"intervals": [{"weekdays": ["monday"]}]}
                  },
                  "routes": [{"media": ["slack"], "maintenance": ["nope"]}],
                  "web_errors": {"maintenance": ["nightly", "a\\u0007"]}
                }
                """);
        assertEquals(String.join("\n",
                "alerts.json:3:11: \"time_zone\" must be an IANA time zone such as \"Europe/Madrid\" or \"UTC\"",
                "alerts.json:3:69: \"weekdays\" holds \"friday:monday\", a range that runs backwards; write it as two, such as [\"saturday:sunday\", \"monday\"]",
                "alerts.json:3:86: \"weekdays\" holds \"funday\"; write \"monday:friday\" or \"sunday\"",
                "alerts.json:4:11: maintenance window \"b\" needs \"intervals\", a non-empty list such as [{\"weekdays\": [\"saturday\"], \"times\": [{\"start\": \"02:00\", \"end\": \"04:00\"}]}]",
                "alerts.json:5:25: an interval needs at least one of dates, days_of_month, months, times, weekdays; an empty one would hold for good and mute its media forever",
                "alerts.json:5:30: medium \"pager\" is not configured; configured media: slack, email",
                "alerts.json:7:58: \"months\" holds \"13\"; write \"january:march\", \"december\" or \"12\"",
                "alerts.json:7:64: \"months\" holds \"march:january\", a range that runs backwards; write it as two, such as [\"november:december\", \"january\"]",
                "alerts.json:6:36: a time range must end after it starts; one across midnight is two, the second in an interval of the next day, such as {\"start\": \"22:00\", \"end\": \"24:00\"} and {\"start\": \"00:00\", \"end\": \"02:00\"}",
                "alerts.json:6:73: \"start\" may not be 24:00, the end of the day; start at 00:00 of the next",
                "alerts.json:7:12: \"start\" must be a time of day from \"00:00\" to \"24:00\", such as \"22:00\"",
                "alerts.json:7:29: \"end\" must be a time of day from \"00:00\" to \"24:00\", such as \"22:00\"",
                "alerts.json:9:11: unknown maintenance window setting \"every\"; known: intervals, media, time_zone",
                "alerts.json:8:44: \"days_of_month\" holds \"0\"; write \"1:7\", \"15\" or \"-1\" (the last day)",
                "alerts.json:8:49: \"days_of_month\" holds \"-32\"; write \"1:7\", \"15\" or \"-1\" (the last day)",
                "alerts.json:8:56: \"days_of_month\" holds \"-1:5\", from a day counted from the month's end to one counted from its start; write \"-3:-1\" or \"1:-1\"",
                "alerts.json:8:64: \"days_of_month\" holds \"7:1\", a range that runs backwards; write it as two, such as [\"25:31\", \"1:5\"]",
                "alerts.json:8:82: \"dates\" holds \"2026-02-30\", not a day such as \"2026-12-24\" (year-month-day)",
                "alerts.json:8:96: \"dates\" holds \"2026-12-26:2026-12-24\"; write a day or a range that runs forwards, such as \"2026-12-24:2026-12-26\"",
                "alerts.json:10:5: a maintenance window's name may hold only letters, digits, '_', '-' and '.'; this one holds U+202E at character 4",
                "alerts.json:12:35: no maintenance window is named \"nope\" in alerts.json's \"maintenance\"; known: (none)",
                "alerts.json:13:18: alert \"web_errors\": no maintenance window is named \"nightly\" in alerts.json's \"maintenance\"; known: (none)",
                "alerts.json:13:18: alert \"web_errors\": \"maintenance\" names no window: a window's name may hold only letters, digits, '_', '-' and '.'; this one holds U+0007 at character 2"), problems);
        assertFalse(problems.contains("\u202e") || problems.contains("\u0007"), problems);
        assertFalse(problems.contains("Exception"), problems);
    }

    @Test
    void hugeListsAreRefusedWithTheirSizeNotQuoted() throws Exception {
        String many = "\"monday\", ".repeat(101) + "\"monday\"";
        String windows = java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> "\"w" + i + "\": {\"intervals\": [{\"weekdays\": [\"monday\"]}]}")
                .collect(Collectors.joining(", "));
        assertTrue(problems("{\"maintenance\": {\"w\": {\"intervals\": [{\"weekdays\": [" + many + "]}]}}}")
                .contains("\"weekdays\" has 102 entries; at most 100"));
        assertTrue(problems("{\"maintenance\": {" + windows + "}}").contains("\"maintenance\" has 101 windows; at most 100"));
        String megabyte = "x".repeat(1 << 20);
        String long1 = problems("{\"maintenance\": {\"w\": {\"intervals\": [{\"weekdays\": [\"" + megabyte + "\"]}]}}}");
        assertTrue(long1.contains("\"weekdays\" must be a non-empty list such as [\"monday:friday\" or \"sunday\"]"), long1);
        assertTrue(long1.length() < 10_000, "nothing is quoted back whole");
        String name = problems("{\"maintenance\": {\"" + "n".repeat(65) + "\": {\"intervals\": [{\"weekdays\": [\"monday\"]}]}}}");
        assertTrue(name.contains("a maintenance window's name must be 1 to 64 characters long"), name);
    }
}
