package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alerts with a schedule ("every"): passes at chosen instants against a real Elasticsearch and Slack receiver. */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class ScheduleTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook").withoutDemoFixtures();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "op-schedule";
    private static final Instant T0 = OperatingTest.T0;

    private RecordingHttpServer slack;
    private TestingConfig config;

    @BeforeEach
    void setUp(ElasticsearchNode node) {
        config.alerts(Map.of());
        config.clock(T0);
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors(INDEX, "\"every\": \"5m\""));
        OperatingTest.seed(node, INDEX, "web-1", -30, "web-2", 180);
    }

    /** A pass at {@code hhmm} on T0's day, or at {@code hhmm} given with its date. */
    private TestingConfig.Result pass(String hhmm) {
        TestingConfig.Result run = config.run("run", "--now", (hhmm.contains("T") ? hhmm : "2026-06-01T" + hhmm) + ":00Z");
        assertEquals(0, run.exit(), run.out() + run.err());
        return run;
    }

    private String sent(int request) throws Exception {
        return JSON.readTree(slack.requests().get(request).body()).toString();
    }

    @Test
    void aFiveMinuteScheduleRunsAtItsBoundariesAndOneRunAfterAnOutageReadsTheWholeOutage(ElasticsearchNode node)
            throws Exception {
        assertTrue(pass("10:00").out().contains("pass: 1 alert run, 1 fired, 0 failed; notifications (one per alert and medium): 1 delivered"));
        assertTrue(sent(0).contains("web-1") && sent(0).contains("Window 2026-06-01T09:59:00Z to 2026-06-01T10:00:00Z"),
                sent(0));
        for (String minute : List.of("10:01", "10:02", "10:03", "10:04")) {
            TestingConfig.Result early = pass(minute);
            assertTrue(early.out().contains("pass: 0 alerts run"), early.out());
            assertTrue(early.out().contains("not due, left for a later pass: \"web_errors\" (every 5m, next run at"
                    + " 2026-06-01T10:05:00Z)"), early.out());
        }
        assertEquals(1, slack.requests().size(), "nothing ran between two boundaries");

        assertTrue(pass("10:05").out().contains("pass: 1 alert run, 1 fired, 0 failed; notifications (one per alert and medium): 1 delivered"));
        assertTrue(sent(1).contains("web-2") && sent(1).contains("Window 2026-06-01T10:00:00Z to 2026-06-01T10:05:00Z"),
                sent(1));

        // an outage from 10:06 to 10:23: no pass runs while two hosts log errors
        OperatingTest.index(node, INDEX, "web-3", 600, "web-4", 1200);

        TestingConfig.Result late = pass("10:24");
        assertTrue(late.out().contains("pass: 1 alert run, 1 fired, 0 failed; notifications (one per alert and medium): 1 delivered"), late.out());
        assertEquals(3, slack.requests().size(), "one run for the whole outage");
        assertTrue(sent(2).contains("Errors on 2 hosts") && sent(2).contains("web-3") && sent(2).contains("web-4")
                && sent(2).contains("Window 2026-06-01T10:05:00Z to 2026-06-01T10:24:00Z"), sent(2));

        config.credentials.putObject("monitoring").put("status_page", "status.html");
        config.writeCredentials();
        assertTrue(pass("10:25").out().contains("pass: 1 alert run, 0 fired"), "the next boundary runs it");
        assertTrue(config.read("status.html").contains("<li><span class=\"name\">web_errors</span> (every 5m): next run"
                + " 2026-06-01T10:30:00Z; last run 2026-06-01T10:25:00Z</li>"), config.read("status.html"));
        assertTrue(pass("10:26").out().contains("pass: 0 alerts run"));

        config.clock(Instant.parse("2026-06-01T10:26:30Z"));
        TestingConfig.Result status = config.run("status");
        assertTrue(status.out().contains("  web_errors: every 5m, next run 2026-06-01T10:30:00Z, last run"
                + " 2026-06-01T10:25:00Z"), status.out());
        ObjectNode json = (ObjectNode) JSON.readTree(config.run("status", "--json").out());
        assertEquals("2026-06-01T10:30:00Z", json.path("next_runs").path(0).path("next_run").asText(), json.toString());
        assertTrue(config.run("list").out().contains("scheduled: web_errors runs every 5m"));

        TestingConfig.Result named = config.run("run", "--alert", "web_errors", "--now", "2026-06-01T10:27:00Z");
        assertTrue(named.out().contains("pass: 1 alert run"), "a named alert runs whatever its schedule: " + named.out());
    }

    @Test
    void aRunReadsTheWholeSpanOfItsScheduleAndUpToMaxCatchupMoreAfterAnOutage(ElasticsearchNode node) throws Exception {
        config.write("alerts.d/web_errors.json", config.read("alerts.d/web_errors.json")
                .replace("\"every\": \"5m\"", "\"every\": \"2d\", \"max_catchup\": \"1h\""));
        // web-5 on 2 June at 10:00, web-7 on 5 June at 12:00, web-6 on 7 June at 00:00
        OperatingTest.index(node, INDEX, "web-5", 86_400, "web-7", 4 * 86_400 + 7200, "web-6", 5 * 86_400 + 14 * 3600);

        assertTrue(pass("2026-06-02T00:00").out().contains("pass: 1 alert run, 0 fired"));
        assertTrue(pass("2026-06-04T00:00").out().contains("pass: 1 alert run, 1 fired, 0 failed; notifications (one per alert and medium): 1 delivered"));
        assertTrue(sent(0).contains("web-5") && sent(0).contains("Window 2026-06-02T00:00:00Z to 2026-06-04T00:00:00Z"),
                "two days read, though max_catchup is an hour: " + sent(0));

        // an outage of a day past the next boundary: the run reads its schedule's two days and max_catchup's hour
        TestingConfig.Result late = pass("2026-06-08T00:00");
        assertTrue(late.err().contains("catch-up capped at max_catchup; events before 2026-06-05T23:00:00Z are not read"),
                late.err());
        assertTrue(sent(1).contains("web-6") && !sent(1).contains("web-7")
                && sent(1).contains("Window 2026-06-05T23:00:00Z to 2026-06-08T00:00:00Z"), sent(1));
    }

    @Test
    void aBacktestReplaysAScheduledAlertAtItsBoundariesOnly() throws Exception {
        TestingConfig.Result backtest = config.run("backtest", "web_errors", "--from", "2026-06-01T10:00:00Z",
                "--to", "2026-06-01T10:30:00Z", "--step", "1m", "--json");

        assertEquals(0, backtest.exit(), backtest.err());
        JsonNode replay = JSON.readTree(backtest.out()).path("alerts").path(0);
        assertEquals(7, replay.path("windows").asInt(), "the first step, then 10:05, 10:10, ... 10:30: " + replay);
        assertEquals(1, replay.path("notifications").size(), replay.toString());
        JsonNode sent = replay.path("notifications").path(0);
        assertEquals("2026-06-01T10:05:00Z", sent.path("at").asText(), sent.toString());
        assertEquals("2026-06-01T10:01:00Z", sent.path("window_start").asText(), sent.toString());
        assertEquals("2026-06-01T10:05:00Z", sent.path("window_end").asText(), sent.toString());
        assertTrue(slack.requests().isEmpty());
    }

    @Test
    void theExamplesOfTheSchedulesPageValidate() throws Exception {
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "docs", "schedules.md")));
        Map<String, Object> entries = new LinkedHashMap<>();
        int files = 0;
        while (block.find()) {
            ObjectNode example = (ObjectNode) JSON.readTree(block.group(1));
            if (example.has("condition")) {
                config.write("alerts.d/example_" + ++files + ".json", block.group(1));
            } else {
                example.fields().forEachRemaining(e -> entries.put(e.getKey(), JSON.convertValue(e.getValue(), Map.class)));
            }
        }
        config.alerts(entries);
        assertEquals(2, files);
        assertEquals(2, entries.size());

        TestingConfig.Result validate = config.run("validate");
        assertEquals(0, validate.exit(), validate.err());
        String list = config.run("list").out();
        for (String line : List.of("scheduled: example_1 runs every 5m",
                "scheduled: example_2 runs cron \"0 8 * * 1-5\" in Europe/Madrid",
                "scheduled: filesystem_usage runs every 15m", "scheduled: privileged_logon runs cron \"*/10 * * * *\"")) {
            assertTrue(list.contains(line), line + "\n" + list);
        }
    }

    @Test
    void hostileSchedulesAreEachOneLineNamingTheFileAndTheAlertAndNothingRuns() {
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("zero", "\"0s\"");
        hostile.put("negative", "\"-5m\"");
        hostile.put("past_instant", "\"99999999999d\"");
        hostile.put("seconds", "\"90s\"");
        hostile.put("list", "[\"5m\"]");
        hostile.put("huge", "\"" + "5".repeat(100_000) + "m\"");
        hostile.put("seven_fields", "{\"cron\": \"0 0 0 8 * * *\"}");
        hostile.put("reboot", "{\"cron\": \"@reboot\"}");
        hostile.put("bell", "{\"cron\": \"0 8 * * *\\u0007\"}");
        hostile.put("bidi", "{\"cron\": \"0 8 * * 1\\u202e\"}");
        hostile.put("huge_cron", "{\"cron\": \"" + "1,".repeat(50_000) + "1 * * * *\"}");
        hostile.put("february_30", "{\"cron\": \"0 0 30 2 *\"}");
        hostile.put("monthly", "{\"cron\": \"0 0 1 * *\"}");
        hostile.put("five_weeks", "\"5w\"");
        hostile.put("thirty_days", "\"30d\"");
        hostile.put("nested", "{\"cron\": {\"cron\": \"0 8 * * *\"}}");
        hostile.put("mars", "{\"cron\": \"0 8 * * *\", \"time_zone\": \"Mars/Olympus_Mons\"}");
        hostile.put("unknown_key", "{\"cron\": \"0 8 * * *\", \"tz\": \"UTC\"}");
        hostile.forEach((name, every) -> config.write("alerts.d/" + name + ".json",
                OperatingTest.webErrors(INDEX, "\"every\": " + every)));
        config.write("alerts.d/weekdays.json", OperatingTest.webErrors(INDEX,
                "\"every\": {\"cron\": \"0 8 * * 1-5\", \"time_zone\": \"Europe/Madrid\"}"));
        config.write("alerts.d/two_days.json", OperatingTest.webErrors(INDEX, "\"every\": \"2d\""));

        TestingConfig.Result validate = config.run("validate");

        assertEquals(2, validate.exit());
        String period = "\"every\" must be a period of whole minutes from \"1m\" to \"28d\" such as \"5m\", or"
                + " {\"cron\": \"0 8 * * 1-5\", \"time_zone\": \"Europe/Madrid\"}, not ";
        String cron = "\"cron\" must be a five-field Unix cron expression (minute hour day-of-month month day-of-week)"
                + " such as \"0 8 * * 1-5\", not ";
        String ascii = " at character 10; only visible ASCII characters and spaces may be used";
        List<String> lines = List.of(
                "zero.json:7:3: alert \"zero\": " + period + "\"0s\"",
                "negative.json:7:3: alert \"negative\": " + period + "\"-5m\"",
                "past_instant.json:7:3: alert \"past_instant\": " + period + "\"99999999999d\"",
                "seconds.json:7:3: alert \"seconds\": " + period + "\"90s\"",
                "list.json:7:3: alert \"list\": " + period + "[\"5m\"]",
                "huge.json:7:3: alert \"huge\": " + period + "\"" + "5".repeat(29) + "…",
                "seven_fields.json:7:13: alert \"seven_fields\": " + cron + "\"0 0 0 8 * * *\": Cron expression contains"
                        + " 7 parts but we expect one of [5]",
                "reboot.json:7:13: alert \"reboot\": " + cron + "\"@reboot\": nicknames such as @daily and @reboot are"
                        + " not read; write the five fields (\"0 0 * * *\")",
                "bell.json:7:13: alert \"bell\": \"cron\" holds U+0007" + ascii,
                "bidi.json:7:13: alert \"bidi\": \"cron\" holds U+202E" + ascii,
                "huge_cron.json:7:13: alert \"huge_cron\": \"cron\" must be at most 100 characters, not 100009",
                "february_30.json:7:13: alert \"february_30\": \"cron\" \"0 0 30 2 *\" never fires (no date matches it):"
                        + " the alert would never run",
                "monthly.json:7:13: alert \"monthly\": \"cron\" \"0 0 1 * *\" leaves up to 31d between two runs, and a"
                        + " schedule may leave at most 28d (the state forgets an alert's last run after 30d); run it more"
                        + " often, such as \"0 8 1,15 * *\"",
                "five_weeks.json:7:3: alert \"five_weeks\": " + period + "\"5w\"",
                "thirty_days.json:7:3: alert \"thirty_days\": " + period + "\"30d\"",
                "nested.json:7:13: alert \"nested\": \"cron\" must be a non-empty string",
                "mars.json:7:34: alert \"mars\": \"time_zone\" must be an IANA time zone such as \"Europe/Madrid\" or"
                        + " \"UTC\", not \"Mars/Olympus_Mons\"",
                "unknown_key.json:7:34: alert \"unknown_key\": unknown schedule setting \"tz\"; known: cron, time_zone");
        lines.forEach(line -> assertTrue(validate.err().contains("alerts.d/" + line), line + "\n" + validate.err()));
        assertTrue(validate.err().contains(lines.size() + " problems in "), "and no other: " + validate.err());
        assertTrue(slack.requests().isEmpty());
    }
}
