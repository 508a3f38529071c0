package io.alertas.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A lane that breaks (an Error while it delivers) keeps its notification and never leaves the pass waiting. */
class LaneBreaksTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");
    private static final Notification LOGONS = Notification.builder("logons", Severity.WARNING, "1 user logged on",
            Window.of(NOW.minusSeconds(60), NOW), NOW).findings(List.of(Finding.of("alice", "a"))).build();

    @Test
    void aLaneThatBreaksWithAnErrorKeepsItsNotificationAndThePassDoesNotWaitForever() {
        List<Sending.Outcome> recorded = new ArrayList<>();
        Lanes lanes = new Lanes(out -> {
            throw new OutOfMemoryError("unable to create native thread");
        }, (out, outcome) -> recorded.add(outcome));

        lanes.hand("https://hooks.example/one", new Gate.Outgoing("logons", "hook", LOGONS, "1 user logged on", List.of("alice")));
        assertTimeoutPreemptively(Duration.ofMinutes(1), lanes::finish, "the pass waits for a lane that never reports");

        assertEquals(1, recorded.size());
        assertEquals(Sending.Result.KEPT, recorded.get(0).result());
        assertTrue(recorded.get(0).error().contains("OutOfMemoryError"), recorded.get(0).error());
    }

    @Test
    void aRecordThatThrowsIsSaidAndTheOtherLanesAreStillRecorded() {
        List<String> recorded = new ArrayList<>();
        Lanes lanes = new Lanes(out -> new Sending.Outcome(Sending.Result.DELIVERED, Set.of(), null, null), (out, outcome) -> {
            if (out.medium().equals("hook")) {
                throw new IllegalStateException("the state refused it");
            }
            recorded.add(out.medium());
        });

        lanes.hand("https://hooks.example/one", new Gate.Outgoing("logons", "hook", LOGONS, "1 user logged on", List.of("alice")));
        lanes.hand("https://hooks.example/two", new Gate.Outgoing("logons", "mail", LOGONS, "1 user logged on", List.of("alice")));
        assertTimeoutPreemptively(Duration.ofMinutes(1), lanes::finish);

        assertEquals(List.of("mail"), recorded);
    }
}
