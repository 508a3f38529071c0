package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * run --timings: after the summary, the time of each phase of the run, and their sum. A phase that is made
 * slow on purpose (a receiver that answers late, an evaluator that takes its time) shows that time in its own
 * row and in no other.
 */
@ExtendWith(ElasticsearchExtension.class)
class TimingsTest {

    /** Longer than any phase of a test pass takes on its own, even on a busy machine. */
    private static final long SLOW_MS = 3_000;

    private static final List<String> ROWS = List.of("JVM start to main", "logging", "plugins", "config",
            "TLS and client", "state read", "queries", "evaluation", "delivery", "state writes", "sum");

    private static final String SLOW_MODULE = """
            package com.example.slow;

            import io.alertas.spi.*;
            import java.util.List;

            public final class SlowAlerts implements AlertModule {
                @Override public String name() { return "slow"; }
                @Override public List<AlertDefinition> alerts() {
                    return List.of(AlertDefinition.builder("slow_evaluator")
                            .index("%s")
                            .query(Query.resource(SlowAlerts.class, "/slow/all.json"))
                            .evaluator((response, context) -> {
                                try {
                                    Thread.sleep(%d);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                return Evaluation.quiet();
                            })
                            .build());
                }
            }
            """;

    @Test
    void aReceiverThatAnswersLateShowsInTheDeliveryRowAndNowhereElse(ElasticsearchNode node, @TempDir Path dir) {
        TestingConfig.indexFixtures(node);
        try (RecordingHttpServer slack = RecordingHttpServer.start()) {
            slack.respond(200, request -> {
                pause(SLOW_MS);
                return "ok";
            });
            TestingConfig config = new TestingConfig(dir, node, slack.url(TestingConfig.WEBHOOK_PATH), 25);
            config.credentials.remove("email");
            config.writeCredentials();

            TestingConfig.Result result = config.run("run", "--timings", "--now", TestingConfig.NOW.toString());

            assertEquals(0, result.exit(), result.err());
            assertTrue(slack.requests().size() > 0, "the pass delivered: " + result.out());
            Map<String, Long> rows = rows(result.out());
            assertTrue(rows.get("delivery") >= SLOW_MS, "the deliveries waited " + SLOW_MS + " ms for the receiver: "
                    + result.out());
            onlySlow(rows, "delivery", result.out());
        }
    }

    @Test
    void aSlowEvaluatorShowsInTheEvaluationRowAndNowhereElse(ElasticsearchNode node, @TempDir Path dir, @TempDir Path work)
            throws Exception {
        TestingConfig.indexFixtures(node);
        try (RecordingHttpServer slack = RecordingHttpServer.start()) {
            TestingConfig config = new TestingConfig(dir, node, slack.url(TestingConfig.WEBHOOK_PATH), 25);
            config.credentials.remove("email");
            config.writeCredentials();
            config.alerts(Map.of("privileged_logon", Map.of("active", false), "filesystem_usage", Map.of("active", false)));
            TestingJars.build(work, dir.resolve("plugins").resolve("slow-alerts.jar"),
                    Map.of("com.example.slow.SlowAlerts", SLOW_MODULE.formatted(TestingConfig.LOGONS, SLOW_MS)),
                    Map.of("slow/all.json", "{\"query\": {\"match_all\": {}}}",
                            "META-INF/services/io.alertas.spi.AlertModule", "com.example.slow.SlowAlerts\n"));

            TestingConfig.Result result = config.run("run", "--timings", "--now", TestingConfig.NOW.toString());

            assertEquals(0, result.exit(), result.err());
            assertTrue(result.out().contains("1 alert run"), result.out());
            Map<String, Long> rows = rows(result.out());
            assertTrue(rows.get("evaluation") >= SLOW_MS, "the evaluator took " + SLOW_MS + " ms: " + result.out());
            onlySlow(rows, "evaluation", result.out());
        }
    }

    /**
     * The timings rows by phase, checked to be the phases in their order and the sum, which is the sum of the
     * rows, each cut to ms.
     */
    private static Map<String, Long> rows(String out) {
        Map<String, Long> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile("timings +(.+?) +(\\d+) ms");
        out.lines().filter(l -> l.startsWith("timings")).forEach(line -> {
            Matcher m = row.matcher(line);
            assertTrue(m.matches(), line);
            rows.put(m.group(1), Long.parseLong(m.group(2)));
        });
        assertEquals(ROWS, List.copyOf(rows.keySet()), out);
        long sum = rows.entrySet().stream().filter(r -> !r.getKey().equals("sum")).mapToLong(Map.Entry::getValue).sum();
        assertTrue(rows.get("sum") >= sum && rows.get("sum") <= sum + ROWS.size(), "the sum of the rows: " + out);
        return rows;
    }

    /** Asserts that every phase but {@code slow} (and the sum) took less than the slow part alone. */
    private static void onlySlow(Map<String, Long> rows, String slow, String out) {
        rows.forEach((phase, ms) -> {
            if (!phase.equals(slow) && !phase.equals("sum")) {
                assertTrue(ms < SLOW_MS, phase + " counted time that was not its own: " + out);
            }
        });
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
