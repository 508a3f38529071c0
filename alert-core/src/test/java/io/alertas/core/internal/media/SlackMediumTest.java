package io.alertas.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.spi.DeliveryException;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Slack medium against a local webhook receiver. */
@ExtendWith(RecordingHttpServerExtension.class)
class SlackMediumTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");
    private static final Notification NOTIFICATION = Notification.builder("cluster_health", Severity.CRITICAL, "cluster is red",
                    Window.of(NOW, NOW), NOW)
            .cluster("https://es").build();

    private RecordingHttpServer receiver;
    private Medium slack;

    @BeforeEach
    void start() throws Exception {
        slack = new SlackProvider().create(new ObjectMapper().createObjectNode()
                .put("webhook_url", receiver.url("/services/T0/B0/secret-token").toString()));
    }

    @Test
    void postsJsonToTheWebhook() throws Exception {
        slack.deliver(NOTIFICATION);

        RecordingHttpServer.Request request = receiver.requests().get(0);
        assertEquals("/services/T0/B0/secret-token", request.path());
        assertTrue(request.header("Content-Type").startsWith("application/json"));
        assertTrue(request.body().contains("\"text\":\"[CRITICAL] cluster_health: cluster is red\""), request.body());
    }

    @Test
    void tooManyRequestsIsRetryableAfterTheTimeSlackAsks() {
        receiver.respond(429, "rate_limited", Map.of("Retry-After", "7"));

        DeliveryException e = assertThrows(DeliveryException.class, () -> slack.deliver(NOTIFICATION));

        assertTrue(e.retryable());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
        assertEquals("Slack answered 429 (rate_limited)", e.getMessage());
    }

    @Test
    void anInvalidWebhookIsNotRetriedAndItsUrlIsNeverQuoted() {
        receiver.respond(404, "no_service");

        DeliveryException e = assertThrows(DeliveryException.class, () -> slack.deliver(NOTIFICATION));

        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains("secret-token"), e.getMessage());
    }
}
