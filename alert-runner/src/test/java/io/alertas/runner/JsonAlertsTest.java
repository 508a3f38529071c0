package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alerts written as JSON in alerts.d, no Java: any hits, count above N, per bucket, no data. */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class JsonAlertsTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook");

    private static final String PER_HOST = """
            {
              "description": "Many logons on one host",
              "index": "winlogbeat-runner-test",
              "severity": "info",
              "throttle_period": "10m",
              "media": ["slack"],
              "query": {
                "size": 0,
                "query": {"bool": {"filter": [
                  {"term": {"event.code": "4624"}},
                  {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}]}},
                "aggs": {"hosts": {"terms": {"field": "host.name"}}}
              },
              "condition": {"buckets": "aggregations.hosts.buckets", "path": "doc_count", "op": "gte", "value": 2},
              "summary": "Logons per host: {{count}} busy hosts",
              "message": "{{doc_count}} logons between {{window.start}} and {{window.end}}"
            }
            """;
    private static final String BACKUP_ACCOUNT = """
            {
              "index": "winlogbeat-runner-test",
              "query": {"query": {"bool": {"filter": [
                {"term": {"winlog.event_data.TargetUserName": "svc-backup"}},
                {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}]}}},
              "condition": {"path": "hits.total.value", "op": "gt", "value": 0},
              "message": "svc-backup logged on {{hits.total.value}} time(s), first on {{hits.hits.0._source.host.name}}"
            }
            """;
    private static final String COUNT_ABOVE = """
            {
              "index": "winlogbeat-runner-test",
              "query": {"query": {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}},
              "condition": {"path": "hits.total.value", "op": "gt", "value": 3},
              "message": "{{value}} events in a minute"
            }
            """;
    private static final String NO_DATA = """
            {
              "index": "metricbeat-runner-test",
              "query": {"query": {"bool": {"filter": [
                {"term": {"host.name": "db-02"}},
                {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}]}}},
              "condition": {"path": "hits.total.value", "op": "lt", "value": 1},
              "message": "db-02 sent no metrics between {{window.start}} and {{window.end}}"
            }
            """;

    private RecordingHttpServer slack;
    private TestingConfig config;

    @BeforeEach
    void setUp() {
        config.alerts(Map.of());
        config.write("alerts.d/busy_host.json", PER_HOST);
        config.write("alerts.d/backup_account.json", BACKUP_ACCOUNT);
        config.write("alerts.d/count_above.json", COUNT_ABOVE);
        config.write("alerts.d/db_02_silent.json", NO_DATA);
    }

    @Test
    void jsonAlertsAreListedWithTheirFiles() {
        TestingConfig.Result list = config.run("list");

        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.matches(
                "busy_host +alerts.d +alerts.d/busy_host.json +yes +10m +slack +winlogbeat-runner-test")), list.out());
    }

    @Test
    void aPerBucketConditionMakesOneFindingPerBucketAgainstTheRealCluster() {
        TestingConfig.Result run = config.run("run", "--alert", "busy_host", "--now", "2026-05-04T10:15:00Z");

        assertEquals(0, run.exit(), run.err());
        assertEquals(1, slack.requests().size());
        String body = slack.requests().get(0).body();
        assertTrue(body.contains("[INFO] busy_host (1 finding): Logons per host: 1 busy hosts"), body);
        assertTrue(body.contains("*dc01.corp.local*\\n2 logons between 2026-05-04T10:13:00Z and 2026-05-04T10:14:00Z"), body);
    }

    @Test
    void anyHitsCountAboveAndNoData() {
        TestingConfig.Result run = config.run("run", "--dry-run", "--now", "2026-05-04T10:15:00Z");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("would send to slack: [WARNING] backup_account: svc-backup logged on 1 time(s), "
                + "first on fs01.corp.local"), run.out());
        assertTrue(run.out().contains("would send to slack: [WARNING] count_above: 4 events in a minute"), run.out());
        assertTrue(run.out().contains("would send to slack: [WARNING] db_02_silent: db-02 sent no metrics"), run.out());
    }

    @Test
    void aConditionValuePastTenToTheFifteenOrInfiniteIsRefusedAtItsPlace() {
        config.write("alerts.d/backup_account.json", BACKUP_ACCOUNT.replace("\"value\": 0", "\"value\": 1e309"));
        config.write("alerts.d/count_above.json", COUNT_ABOVE.replace("\"value\": 3", "\"value\": -1e16"));

        TestingConfig.Result validate = config.run("validate");

        assertEquals(2, validate.exit(), validate.err());
        assertTrue(validate.err().contains("alerts.d/backup_account.json:6:57: alert \"backup_account\": \"value\" must be at"
                + " most 1000000000000000 in size, not \"Infinity\""), validate.err());
        assertTrue(validate.err().contains("alerts.d/count_above.json:4:57: alert \"count_above\": \"value\" must be at"
                + " most 1000000000000000 in size, not -1.0E16"), validate.err());
    }

    @Test
    void aBadJsonAlertIsNamedByFileAlertAndPlace() {
        config.write("alerts.d/backup_account.json", BACKUP_ACCOUNT.replace("\"op\": \"gt\"", "\"op\": \"more\"")
                .replace("\"message\"", "\"mesage\""));
        config.write("alerts.d/count_above.json", "{\n  \"index\": \"x\",\n  \"query\": {}\n  \"condition\": {}\n}");
        config.alerts(Map.of("db_02_silent", Map.of("active", false)));

        TestingConfig.Result validate = config.run("validate");

        assertEquals(2, validate.exit());
        assertTrue(validate.err().contains("alerts.d/backup_account.json:6:45: alert \"backup_account\": \"op\" must be one of "
                + "gt, gte, lt, lte, eq, ne"), validate.err());
        assertTrue(validate.err().contains("alerts.d/backup_account.json:1:1: alert \"backup_account\": \"message\" is missing"),
                validate.err());
        assertTrue(validate.err().contains("alerts.d/count_above.json:4:3: alert \"count_above\": malformed JSON"),
                validate.err());
        assertTrue(validate.err().contains("alerts.json:") && validate.err().contains("alert \"db_02_silent\": is defined "
                + "in alerts.d/db_02_silent.json; put its settings there"), validate.err());
    }

    @Test
    void aRuleFileRunsAndAWrongSettingIsExplainedByValidate() {
        config.write("alerts.d/logon_burst.json", """
                {
                  "type": "frequency",
                  "index": "winlogbeat-runner-test",
                  "filter": {"term": {"event.code": "4624"}},
                  "group_by": ["host.name"],
                  "threshold": 2
                }
                """);
        TestingConfig.Result run = config.run("run", "--alert", "logon_burst", "--dry-run", "--now", "2026-05-04T10:15:00Z");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("would send to slack: [WARNING] logon_burst (1 finding): 2 or more events per host.name"),
                run.out());

        config.write("alerts.d/logon_burst.json", """
                {
                  "type": "frequency",
                  "index": "winlogbeat-runner-test",
                  "group_by": [],
                  "threshold": "two"
                }
                """);
        TestingConfig.Result validate = config.run("validate");

        assertEquals(2, validate.exit());
        assertEquals("""
                alerts.d/logon_burst.json:4:3: alert "logon_burst": "group_by" takes 1 to 4 field names
                alerts.d/logon_burst.json:5:3: alert "logon_burst": "threshold" must be an integer, not "two"
                """, validate.err().lines().filter(l -> l.startsWith("alerts.d/")).map(l -> l + "\n")
                .reduce("", String::concat));
    }

    @Test
    void validateSaysEveryProblemOfARuleFileAtOnce() {
        config.write("alerts.d/many_users.json", """
                {
                  "type": "cardinality",
                  "index": "winlogbeat-runner-test",
                  "group_by": ["host.name"],
                  "treshold": 5,
                  "size": 0
                }
                """);

        TestingConfig.Result validate = config.run("validate");

        assertEquals(2, validate.exit());
        assertEquals("""
                alerts.d/many_users.json:6:3: alert "many_users": "size" must be a whole number from 1 to 10000
                alerts.d/many_users.json:2:3: alert "many_users": a cardinality rule needs "field"
                alerts.d/many_users.json:2:3: alert "many_users": a cardinality rule takes one bound: "above", "below", \
                "at_least" or "at_most"
                alerts.d/many_users.json:5:3: alert "many_users": unknown setting "treshold"; known: above, active, aggs, \
                at_least, at_most, below, description, digest, every, field, filter, fire_after, flapping, group_by, \
                index, maintenance, max_catchup, media, params, query_delay, resolve_after, severity, size, summary, \
                templates, throttle_period, timestamp_field, type
                """, validate.err().lines().filter(l -> l.startsWith("alerts.d/")).map(l -> l + "\n")
                .reduce("", String::concat));
    }
}
