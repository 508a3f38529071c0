package io.alertas.core.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.secrets.Secrets;
import io.alertas.core.pass.PassReport;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Window;
import io.alertas.testkit.RecordingHttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A history write never holds a pass: a cluster that hangs or refuses the connection is a warning within the pass timeout. */
class HistoryWriterTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:01:00Z");

    private static PassReport firedOnce(Duration took) {
        return new PassReport(NOW, took, List.of(new PassReport.AlertOutcome("web_errors", PassReport.Status.FIRED,
                Window.of(NOW.minusSeconds(60), NOW), Evaluation.fire("3 errors"), null)), List.of(), List.of(),
                List.of(), Optional.empty(), Optional.empty());
    }

    private static HistoryWriter writer(URI cluster, Duration passTimeout) throws Exception {
        return new HistoryWriter(ElasticsearchClient.builder(cluster).timeout(Duration.ofSeconds(30)).build(),
                new HistorySetting(true, "alertas-history", Duration.ofDays(30)), Map.of(), "runner-1", Secrets.NONE,
                passTimeout);
    }

    @Test
    void aClusterThatAcceptsAndNeverAnswersIsAWarningWhenThePassTimeoutIsUp() throws Exception {
        CountDownLatch over = new CountDownLatch(1);
        try (RecordingHttpServer hanging = RecordingHttpServer.start()) {
            hanging.respondByDefault(200, request -> {
                try {
                    over.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "{}";
            });
            try {
                HistoryWriter writer = writer(hanging.url(""), Duration.ofSeconds(3));
                long started = System.nanoTime();

                PassReport report = writer.after(firedOnce(Duration.ofMillis(2200)));

                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertTrue(took.compareTo(Duration.ofMillis(2000)) < 0, "held only for what was left of the pass: " + took);
                assertEquals(List.of("the history of this pass (1 documents) was not written to alertas-history-2026.06.01:"
                        + " Elasticsearch gave no answer within what was left of the pass_timeout (800ms)"),
                        report.warnings());
                assertTrue(report.succeeded(), "a warning, not a failure");
            } finally {
                over.countDown(); // lets the held answer go, before the server stops
            }
        }
    }

    @Test
    void aClusterThatRefusesTheConnectionIsAWarning() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        PassReport report = writer(URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(30))
                .after(firedOnce(Duration.ofMillis(100)));

        assertEquals(1, report.warnings().size(), report.warnings().toString());
        assertTrue(report.warnings().get(0).startsWith("the history of this pass (1 documents) was not written to"
                + " alertas-history-2026.06.01: Elasticsearch at http://127.0.0.1:" + closed + " refused the connection"),
                report.warnings().get(0));
        assertTrue(report.succeeded());
    }
}
