package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
        config.write("alerts.d/web_errors.json", """
                {
                  "index": "%s",
                  "every": "5m",
                  "throttle_period": "0s",
                  "query_delay": "0s",
                  "media": ["slack"],
                  "query": {
                    "size": 0,
                    "query": {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}},
                    "aggs": {"hosts": {"terms": {"field": "host.name", "size": 50}}}
                  },
                  "condition": {"buckets": "aggregations.hosts.buckets", "path": "doc_count", "op": "gte", "value": 1},
                  "summary": "Errors on {{count}} hosts",
                  "message": "{{doc_count}} errors between {{window.start}} and {{window.end}}"
                }
                """.formatted(INDEX));
        OperatingTest.seed(node, INDEX, "web-1", -30, "web-2", 180);
    }

    private TestingConfig.Result pass(String hhmm) {
        TestingConfig.Result run = config.run("run", "--now", "2026-06-01T" + hhmm + ":00Z");
        assertEquals(0, run.exit(), run.out() + run.err());
        return run;
    }

    private String sent(int request) throws Exception {
        return JSON.readTree(slack.requests().get(request).body()).toString();
    }

    @Test
    void aFiveMinuteScheduleRunsAtItsBoundariesAndOneRunAfterAnOutageReadsTheWholeOutage(ElasticsearchNode node)
            throws Exception {
        assertTrue(pass("10:00").out().contains("pass: 1 alerts run, 1 fired, 1 delivered"));
        assertTrue(sent(0).contains("web-1") && sent(0).contains("between 2026-06-01T09:59:00Z and 2026-06-01T10:00:00Z"),
                sent(0));
        for (String minute : List.of("10:01", "10:02", "10:03", "10:04")) {
            TestingConfig.Result early = pass(minute);
            assertTrue(early.out().contains("pass: 0 alerts run"), early.out());
            assertTrue(early.out().contains("not due, left for a later pass: \"web_errors\" (every 5m, next run at"
                    + " 2026-06-01T10:05:00Z)"), early.out());
        }
        assertEquals(1, slack.requests().size(), "nothing ran between two boundaries");

        assertTrue(pass("10:05").out().contains("pass: 1 alerts run, 1 fired, 1 delivered"));
        assertTrue(sent(1).contains("web-2") && sent(1).contains("between 2026-06-01T10:00:00Z and 2026-06-01T10:05:00Z"),
                sent(1));

        // an outage from 10:06 to 10:23: no pass runs while two hosts log errors
        OperatingTest.index(node, INDEX, "web-3", 600, "web-4", 1200);

        TestingConfig.Result late = pass("10:24");
        assertTrue(late.out().contains("pass: 1 alerts run, 1 fired, 1 delivered"), late.out());
        assertEquals(3, slack.requests().size(), "one run for the whole outage");
        assertTrue(sent(2).contains("Errors on 2 hosts") && sent(2).contains("web-3") && sent(2).contains("web-4")
                && sent(2).contains("between 2026-06-01T10:05:00Z and 2026-06-01T10:24:00Z"), sent(2));

        assertTrue(pass("10:25").out().contains("pass: 1 alerts run, 0 fired"), "the next boundary runs it");
        assertTrue(pass("10:26").out().contains("pass: 0 alerts run"));

        config.clock(Instant.parse("2026-06-01T10:26:30Z"));
        TestingConfig.Result status = config.run("status");
        assertTrue(status.out().contains("  web_errors: every 5m, next run 2026-06-01T10:30:00Z, last run"
                + " 2026-06-01T10:25:00Z"), status.out());
        ObjectNode json = (ObjectNode) JSON.readTree(config.run("status", "--json").out());
        assertEquals("2026-06-01T10:30:00Z", json.path("next_runs").path(0).path("next_run").asText(), json.toString());
        assertTrue(config.run("list").out().contains("scheduled: web_errors runs every 5m"));

        TestingConfig.Result named = config.run("run", "--alert", "web_errors", "--now", "2026-06-01T10:27:00Z");
        assertTrue(named.out().contains("pass: 1 alerts run"), "a named alert runs whatever its schedule: " + named.out());
    }
}
