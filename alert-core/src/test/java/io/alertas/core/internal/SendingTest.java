package io.alertas.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import io.alertas.core.internal.backoff.Backoff;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.state.StateMask;
import io.alertas.spi.DeliveryException;
import io.alertas.spi.Finding;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** How a pass hands a notification to any medium, a plugin's included: the three answers, progress, the deadline. */
class SendingTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");
    private static final Notification THREE = Notification.builder("logons", Severity.WARNING, "3 users logged on",
                    Window.of(NOW.minusSeconds(60), NOW), NOW)
            .findings(List.of(Finding.of("alice", "a"), Finding.of("bob", "b"), Finding.of("carol", "c"))).build();

    private static Sending sending(Duration passTimeout) {
        return new Sending(new PassContext(mock(ElasticsearchClient.class), Map.of(), Map.of(), Map.of(), 1, Duration.ofSeconds(1),
                passTimeout, new Backoff(3, Duration.ofMillis(1), Duration.ofSeconds(30)), Duration.ofHours(24), "", "test",
                NOW, new Timings(), StateMask.NONE));
    }

    private static List<String> keys(Notification n) {
        return n.findings().stream().map(Finding::key).toList();
    }

    @Test
    void aRetryWithinThePassSendsOnlyTheFindingsNotYetAccepted() {
        List<List<String>> told = new ArrayList<>();
        Medium pager = n -> {
            told.add(keys(n));
            if (told.size() == 1) {
                throw new DeliveryException("rate limited", true).afterAccepting(List.of("alice", "bob"));
            }
        };

        Sending.Outcome outcome = sending(Duration.ofSeconds(10)).deliver("pager", pager, THREE, "Users logged on",
                UnaryOperator.identity());

        assertEquals(Sending.Result.DELIVERED, outcome.result());
        assertEquals(List.of(List.of("alice", "bob", "carol"), List.of("carol")), told);
    }

    @Test
    void aRefusalIsNotTriedAgainAndSaysWhatWasAcceptedBeforeIt() {
        List<Notification> told = new ArrayList<>();
        Medium pager = n -> {
            told.add(n);
            throw DeliveryException.refused("PagerDuty answered 400 (invalid event)").afterAccepting(List.of("alice"));
        };

        Sending.Outcome outcome = sending(Duration.ofSeconds(10)).deliver("pager", pager, THREE, "Users logged on",
                UnaryOperator.identity());

        assertEquals(Sending.Result.REFUSED, outcome.result());
        assertEquals(Set.of("alice"), outcome.accepted());
        assertEquals(1, told.size());
        assertEquals("PagerDuty answered 400 (invalid event) after 1 of 3 findings were accepted", outcome.why(1, 3));
    }

    @Test
    void aMediumStillBusyAtTheDeadlineIsInterruptedAndKeptAndTheNextIsNotTried() {
        Medium hanging = n -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new DeliveryException("interrupted", true);
            }
        };
        Sending sending = sending(Duration.ofSeconds(1));

        long started = System.nanoTime();
        Sending.Outcome first = sending.deliver("hook", hanging, THREE, "Users logged on", UnaryOperator.identity());
        Sending.Outcome second = sending.deliver("mail", n -> { }, THREE, "Users logged on", UnaryOperator.identity());

        assertEquals(Sending.Result.KEPT, first.result());
        assertTrue(first.error().endsWith("; the pass's time was up"), first.error());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(3).toNanos());
        assertEquals(Sending.Result.KEPT, second.result());
        assertEquals("not tried: the pass's 1s (pass_timeout) were up", second.error());
    }

    @Test
    void aDeliveryThatComesAfterTheDeadlineWhileNoMediumWasCutOffByItStillHasTheMediasFloor() throws Exception {
        Sending sending = sending(Duration.ofSeconds(1));
        List<Notification> told = new ArrayList<>();

        Sending.Outcome early = sending.deliver("hook", told::add, THREE, "Users logged on", UnaryOperator.identity());
        Thread.sleep(1_200);   // a later alert whose search took the rest of pass_timeout and more
        Sending.Outcome late = sending.deliver("mail", told::add, THREE, "Users logged on", UnaryOperator.identity());

        assertEquals(Sending.Result.DELIVERED, early.result());
        assertEquals(Sending.Result.DELIVERED, late.result(), "the media get at least 5 s once the cluster used it all: " + late.error());
        assertEquals(2, told.size());
    }

    @Test
    void aRetryAfterBeyondTheWaitsCapIsKeptUntilThenWithoutWaiting() {
        Medium slack = n -> {
            throw new DeliveryException("Slack answered 429", true, Duration.ofHours(1), null);
        };

        long started = System.nanoTime();
        Sending.Outcome outcome = sending(Duration.ofSeconds(50)).deliver("slack", slack, THREE, "Users logged on",
                UnaryOperator.identity());

        assertTrue(System.nanoTime() - started < Duration.ofSeconds(2).toNanos());
        assertEquals(Sending.Result.KEPT, outcome.result());
        assertEquals(NOW.plus(Duration.ofHours(1)), outcome.notBefore());
    }
}
