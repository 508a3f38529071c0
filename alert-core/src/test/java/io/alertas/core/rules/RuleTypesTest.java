package io.alertas.core.rules;

import static io.alertas.core.rules.RuleRig.at;
import static io.alertas.core.rules.RuleRig.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.spi.rules.Rules;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule type on a real Elasticsearch, written as a Java alert and as an alerts.d file (the rig checks
 * they find the same): it fires on the incident, stays quiet on normal data, and holds at the edges: an
 * event exactly at the window's start (read) and end (left to the next window), a group with no events, a
 * catch-up window after an outage, a group that comes back, and the first pass with no state.
 */
@ExtendWith(ElasticsearchExtension.class)
class RuleTypesTest {

    private static final Map<String, String> NONE = Map.of();

    @Test
    void frequencyCountsEachGroupInItsWindowAndCatchesUpAfterAnOutage(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-frequency")) {
            rig.rule("burst", Rules.frequency().groupBy("user.name").threshold(3),
                    "frequency", "\"group_by\": [\"user.name\"], \"threshold\": 3");
            rig.event(at(0), "user.name", "alice").event(at(30), "user.name", "alice").event(at(59.999), "user.name", "alice")
                    .event(at(10), "user.name", "bob").event(at(20), "user.name", "bob").event(at(60), "user.name", "bob");

            // the first pass, with no state, reads the minute before it: alice's event at its start counts, bob's at its end does not
            assertEquals(findings("alice", "3 events (at least 3)"), rig.pass(at(60)).get("burst"));
            assertEquals(NONE, rig.pass(at(120)).get("burst"), "bob's third event is in this window, alone");

            // no pass for ten minutes: the next reads all of it, and alice comes back
            rig.event(at(200), "user.name", "dave").event(at(400), "user.name", "dave").event(at(600), "user.name", "dave")
                    .event(at(610), "user.name", "alice").event(at(620), "user.name", "alice").event(at(630), "user.name", "alice");
            assertEquals(findings("alice", "3 events (at least 3)", "dave", "3 events (at least 3)"), rig.pass(at(660)).get("burst"));
            assertTrue(rig.delivered().get(rig.delivered().size() - 1).contains("3 or more events per user.name"),
                    () -> "the summary says the rule: " + rig.delivered());
        }
    }

    @Test
    void frequencyOverATimeframeCountsNoEventTwice(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-frequency-timeframe")) {
            rig.rule("slow_burst", Rules.frequency().groupBy("user.name").threshold(3).timeframe(Duration.ofMinutes(5)),
                    "frequency", "\"group_by\": \"user.name\", \"threshold\": 3, \"timeframe\": \"5m\"");
            rig.event(at(10), "user.name", "erin").event(at(20), "user.name", "erin");
            assertEquals(NONE, rig.pass(at(60)).get("slow_burst"));
            rig.event(at(70), "user.name", "erin");
            assertEquals(findings("erin", "3 events in 5m (at least 3)"), rig.pass(at(120)).get("slow_burst"),
                    "two events of the window before and one of this one make three in five minutes");
            rig.event(at(130), "user.name", "erin");
            assertEquals(NONE, rig.pass(at(180)).get("slow_burst"), "the three that fired are not counted again");
            rig.event(at(190), "user.name", "erin").event(at(200), "user.name", "erin");
            assertEquals(findings("erin", "3 events in 5m (at least 3)"), rig.pass(at(240)).get("slow_burst"),
                    "three events since the last firing, remembered across runs");
        }
    }

    @Test
    void spikeComparesEachGroupWithItsReferenceScaledToTheWindow(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-spike")) {
            rig.rule("surge", Rules.spike().groupBy("service.name").factor(3).reference(Duration.ofMinutes(10)).minCount(3),
                    "spike", "\"group_by\": [\"service.name\"], \"factor\": 3, \"reference\": \"10m\", \"min_count\": 3");
            for (int minute = -10; minute < 0; minute++) {
                rig.event(at(minute * 60 + 5), "service.name", "api").event(at(minute * 60 + 5), "service.name", "web");
            }
            for (int i = 0; i < 5; i++) {
                rig.event(at(i * 10), "service.name", "api");
            }
            rig.event(at(30), "service.name", "web");
            rig.event(at(10), "service.name", "db").event(at(20), "service.name", "db");
            for (int i = 0; i < 4; i++) {
                rig.event(at(i * 10 + 1), "service.name", "queue");
            }
            rig.event(at(60), "service.name", "db").event(at(60), "service.name", "db");

            assertEquals(findings(
                    "api", "5 events against 1 in a window as long in the 10m before (5×)",
                    "queue", "4 events, none in the 10m before"), rig.pass(at(60)).get("surge"),
                    "web is at its usual rate, db is under min_count (its events at the window's end wait)");

            // ten quiet minutes, a catch-up window as long as the reference: api at its usual rate is no spike
            for (int minute = 1; minute < 11; minute++) {
                rig.event(at(minute * 60 + 5), "service.name", "api");
            }
            assertEquals(NONE, rig.pass(at(660)).get("surge"));
        }
    }

    @Test
    void spikeDownFiresWhenAGroupFallsSilent(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-spike-down")) {
            rig.rule("drop", Rules.spike().groupBy("service.name").direction("down").factor(4).reference(Duration.ofMinutes(5)).minCount(5),
                    "spike", "\"group_by\": [\"service.name\"], \"direction\": \"down\", \"factor\": 4, \"reference\": \"5m\", \"min_count\": 5");
            for (int minute = -5; minute < 0; minute++) {
                for (int i = 0; i < 4; i++) {
                    rig.event(at(minute * 60 + i * 10), "service.name", "checkout").event(at(minute * 60 + i * 10), "service.name", "search");
                }
            }
            rig.event(at(0), "service.name", "search").event(at(15), "service.name", "search").event(at(30), "service.name", "search");
            assertEquals(findings("checkout", "0 events against 4 in a window as long in the 5m before (down to none)"),
                    rig.pass(at(60)).get("drop"));
        }
    }

    @Test
    void spikeOfAMetricComparesItWithTheReferenceAsItIs(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-spike-metric")) {
            rig.rule("latency_up", Rules.spike().groupBy("url.path").field("latency.ms").metric("avg").factor(2)
                            .reference(Duration.ofMinutes(10)).minCount(1),
                    "spike", "\"group_by\": \"url.path\", \"field\": \"latency.ms\", \"metric\": \"avg\", \"factor\": 2, "
                            + "\"reference\": \"10m\", \"min_count\": 1");
            rig.event(at(-300), "url.path", "/a", "latency.ms", 80).event(at(-200), "url.path", "/a", "latency.ms", 120)
                    .event(at(-300), "url.path", "/b", "latency.ms", 100)
                    .event(at(10), "url.path", "/a", "latency.ms", 300).event(at(20), "url.path", "/b", "latency.ms", 150)
                    .event(at(30), "url.path", "/c", "latency.ms", 900);
            assertEquals(findings("/a", "avg of latency.ms 300 against 100 in the 10m before (3×)"), rig.pass(at(60)).get("latency_up"),
                    "an average is not scaled to the window; /b is under twice its average; /c has no reference to compare with");
        }
    }

    @Test
    void flatlineFindsGroupsThatFellSilent(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-flatline")) {
            rig.rule("silent", Rules.flatline().groupBy("host.name").lookback(Duration.ofHours(1)),
                    "flatline", "\"group_by\": [\"host.name\"], \"lookback\": \"1h\"");
            rig.rule("all_quiet", Rules.flatline().threshold(2), "flatline", "\"threshold\": 2");
            rig.event(at(-1800), "host.name", "web-1")
                    .event(at(-1800), "host.name", "web-2").event(at(0), "host.name", "web-2")
                    .event(at(-7200), "host.name", "web-3")
                    .event(at(120), "host.name", "web-4");

            Map<String, Map<String, String>> first = rig.pass(at(60));
            assertEquals(findings("web-1", "no events in the window, though seen in the 1h before"), first.get("silent"),
                    "the first pass knows the hosts from the index's history; web-3 is older than the lookback");
            assertEquals(findings("", "Fewer than 2 events in the window: 1 event in the window (fewer than 2)"), first.get("all_quiet"));

            rig.event(at(90), "host.name", "web-1");
            assertEquals(findings("web-2", "no events in the window, though seen in the 1h before"), rig.pass(at(120)).get("silent"),
                    "web-1 came back; web-2 fell silent; web-4's event at the window's end is the next window's");
            assertFalse(rig.pass(at(180)).get("silent").containsKey("web-4"), "web-4's event is read in the window after");
        }
    }

    @Test
    void newTermFindsValuesAndCombinationsNotSeenInTheLookback(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-new-term")) {
            rig.rule("new_source", Rules.newTerm().groupBy("user.name", "source.ip").lookback(Duration.ofDays(1)).size(2),
                    "new_term", "\"group_by\": [\"user.name\", \"source.ip\"], \"lookback\": \"1d\", \"size\": 2");
            rig.event(at(-3600), "user.name", "alice", "source.ip", "10.0.0.1")
                    .event(at(-3600), "user.name", "erin", "source.ip", "10.0.0.4")
                    .event(at(-2 * 86400), "user.name", "bob", "source.ip", "10.0.0.2")
                    .event(at(0), "user.name", "alice", "source.ip", "10.0.0.1")
                    .event(at(0), "user.name", "erin", "source.ip", "10.0.0.4")
                    .event(at(10), "user.name", "alice", "source.ip", "10.0.0.9")
                    .event(at(59.999), "user.name", "bob", "source.ip", "10.0.0.2")
                    .event(at(60), "user.name", "carol", "source.ip", "10.0.0.3");

            assertEquals(findings(
                    "alice, 10.0.0.9", "first seen at 2026-03-02T10:00:10.000Z, 1 event in the window; not seen in the 1d before",
                    "bob, 10.0.0.2", "first seen at 2026-03-02T10:00:59.999Z, 1 event in the window; not seen in the 1d before"),
                    rig.pass(at(60)).get("new_source"),
                    "read two values a page: known pairs, a pair older than the lookback, carol at the window's end");

            rig.event(at(100), "user.name", "alice", "source.ip", "10.0.0.9");
            assertEquals(findings("carol, 10.0.0.3", "first seen at 2026-03-02T10:01:00.000Z, 1 event in the window; not seen in the 1d before"),
                    rig.pass(at(120)).get("new_source"), "alice's new pair of the last window is known now");
        }
    }

    @Test
    void cardinalityCountsDistinctValuesPerGroup(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-cardinality")) {
            rig.rule("spray", Rules.cardinality().groupBy("source.ip").field("user.name").above(2),
                    "cardinality", "\"group_by\": [\"source.ip\"], \"field\": \"user.name\", \"above\": 2");
            rig.event(at(0), "source.ip", "10.0.0.5", "user.name", "u1").event(at(5), "source.ip", "10.0.0.5", "user.name", "u2")
                    .event(at(9), "source.ip", "10.0.0.5", "user.name", "u3")
                    .event(at(1), "source.ip", "10.0.0.6", "user.name", "u1").event(at(2), "source.ip", "10.0.0.6", "user.name", "u1")
                    .event(at(3), "source.ip", "10.0.0.6", "user.name", "u2").event(at(60), "source.ip", "10.0.0.6", "user.name", "u3");
            assertEquals(findings("10.0.0.5", "3 distinct user.name in 3 events (above 2)"), rig.pass(at(60)).get("spray"));
            assertEquals(NONE, rig.pass(at(120)).get("spray"), "10.0.0.6's third account came in the next window, alone");
        }
    }

    @Test
    void metricJudgesAnAggregateOfAFieldPerGroup(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-metric")) {
            rig.rule("hot", Rules.metric().groupBy("host.name").field("cpu.pct").above(0.9),
                    "metric", "\"group_by\": [\"host.name\"], \"field\": \"cpu.pct\", \"above\": 0.9");
            rig.rule("slow_p95", Rules.metric().field("latency.ms").metric("percentile").percentile(95).above(500),
                    "metric", "\"field\": \"latency.ms\", \"metric\": \"percentile\", \"percentile\": 95, \"above\": 500");
            rig.event(at(0), "host.name", "h1", "cpu.pct", 0.95).event(at(30), "host.name", "h1", "cpu.pct", 0.97)
                    .event(at(10), "host.name", "h2", "cpu.pct", 0.5).event(at(20), "host.name", "h2", "cpu.pct", 0.99)
                    .event(at(60), "host.name", "h2", "cpu.pct", 1.0)
                    .event(at(5), "latency.ms", 100).event(at(6), "latency.ms", 120);
            Map<String, Map<String, String>> first = rig.pass(at(60));
            assertEquals(findings("h1", "avg of cpu.pct 0.96 over 2 events (above 0.9)"), first.get("hot"));
            assertEquals(NONE, first.get("slow_p95"));
            for (int i = 0; i < 20; i++) {
                rig.event(at(61 + i), "latency.ms", 900);
            }
            assertEquals(findings("h2", "avg of cpu.pct 1 over 1 event (above 0.9)"), rig.pass(at(120)).get("hot"));
        }
    }

    @Test
    void threeGroupFieldsMakeOneKeyAndTheOtherMetricsAndBoundsHold(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-metric-three")) {
            rig.rule("full_disk", Rules.metric().groupBy("host.name", "device", "mount.point").field("used.pct").metric("max")
                            .atLeast(0.9),
                    "metric", "\"group_by\": [\"host.name\", \"device\", \"mount.point\"], \"field\": \"used.pct\", "
                            + "\"metric\": \"max\", \"at_least\": 0.9");
            rig.rule("little_traffic", Rules.metric().field("bytes").metric("sum").below(100),
                    "metric", "\"field\": \"bytes\", \"metric\": \"sum\", \"below\": 100");
            rig.event(at(1), "host.name", "h1", "device", "sda", "mount.point", "/", "used.pct", 0.5)
                    .event(at(2), "host.name", "h1", "device", "sda", "mount.point", "/", "used.pct", 0.9)
                    .event(at(3), "host.name", "h1", "device", "sdb", "mount.point", "/data", "used.pct", 0.3)
                    .event(at(4), "host.name", "h2", "device", "sda", "mount.point", "/", "used.pct", 0.95)
                    .event(at(5), "bytes", 30).event(at(6), "bytes", 40);
            Map<String, Map<String, String>> found = rig.pass(at(60));
            assertEquals(findings("h1, sda, /", "max of used.pct 0.9 over 2 events (at least 0.9)",
                    "h2, sda, /", "max of used.pct 0.95 over 1 event (at least 0.9)"), found.get("full_disk"));
            assertEquals(findings("", "Sum of bytes below 100: sum of bytes 70 over 6 events (below 100)"), found.get("little_traffic"));
        }
    }

    @Test
    void changeRemembersTheLastValueAcrossRunsInTheStateIndex(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-change").stateIndex("rules-change-state")) {
            rig.rule("os_changed", Rules.change().groupBy("host.name").field("host.os.version"),
                    "change", "\"group_by\": [\"host.name\"], \"field\": \"host.os.version\"");
            rig.event(at(10), "host.name", "h1", "host.os.version", "10").event(at(20), "host.name", "h2", "host.os.version", "7");
            assertEquals(NONE, rig.pass(at(60)).get("os_changed"), "the first value of a host is learnt, not reported");
            rig.event(at(70), "host.name", "h1", "host.os.version", "11").event(at(80), "host.name", "h1");
            assertEquals(findings("h1", "host.os.version changed from 10 to 11"), rig.pass(at(120)).get("os_changed"),
                    "h2 has no events; an event without the field is no change");
            rig.event(at(130), "host.name", "h1", "host.os.version", "11");
            assertEquals(NONE, rig.pass(at(180)).get("os_changed"));
            rig.event(at(190), "host.name", "h1", "host.os.version", "10").event(at(200), "host.name", "h1", "host.os.version", "11")
                    .event(at(210), "host.name", "h2", "host.os.version", "8");
            assertEquals(findings("h1", "host.os.version changed from 11 to 10 to 11", "h2", "host.os.version changed from 7 to 8"),
                    rig.pass(at(240)).get("os_changed"), "a change and back is a change; h2 came back with another value");
        }
    }

    @Test
    void percentageMatchJudgesTheShareOfMatchingEventsPerGroup(ElasticsearchNode node, @TempDir Path dir) {
        try (RuleRig rig = new RuleRig(node, dir, "rules-percentage")) {
            rig.rule("error_rate", Rules.percentageMatch().groupBy("service.name").match("{\"term\": {\"log.level\": \"error\"}}")
                            .above(20).minCount(5),
                    "percentage_match", "\"group_by\": [\"service.name\"], \"match\": {\"term\": {\"log.level\": \"error\"}}, "
                            + "\"above\": 20, \"min_count\": 5");
            for (int i = 0; i < 10; i++) {
                rig.event(at(i * 5), "service.name", "api", "log.level", i < 3 ? "error" : "info");
                rig.event(at(i * 5), "service.name", "web", "log.level", i < 1 ? "error" : "info");
            }
            rig.event(at(1), "service.name", "db", "log.level", "error").event(at(2), "service.name", "db", "log.level", "error");
            assertEquals(findings("api", "30 % of 10 events match (above 20 %)"), rig.pass(at(60)).get("error_rate"),
                    "web is at 10 %; db has too few events to judge");
        }
    }
}
