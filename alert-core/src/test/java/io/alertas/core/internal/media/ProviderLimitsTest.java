package io.alertas.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.media.opsgenie.OpsgenieProvider;
import io.alertas.core.internal.media.pagerduty.PagerDutyProvider;
import io.alertas.core.internal.media.teams.TeamsProvider;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each provider documents as its limits, kept whatever the alert says. */
class ProviderLimitsTest {

    private static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");

    private static Notification notification(int findings, String text) {
        List<Finding> list = new ArrayList<>();
        for (int i = 0; i < findings; i++) {
            list.add(Finding.of("host-" + i, text));
        }
        return Notification.builder("disk_full", Severity.WARNING, "Disks full", Window.of(AT.minusSeconds(60), AT), AT)
                .findings(list).build();
    }

    @Test
    void teamsListsTwentyFactsAndCountsTheRest() {
        JsonNode body = TeamsProvider.card(notification(25, "x".repeat(500))).at("/attachments/0/content/body");
        assertEquals(20, body.at("/2/facts").size());
        assertTrue(body.at("/3/text").asText().startsWith("5 more findings; "), body.toString());
    }

    @Test
    void teamsListsAsManyFindingsAsFitInTwentyEightKilobytesCountedInBytes() {
        for (String text : List.of("x".repeat(5000), "Ж".repeat(5000), "\uD83D\uDD25".repeat(2500), "\u0001".repeat(5000))) {
            ObjectNode card = TeamsProvider.card(notification(25, text));
            int bytes = Cut.utf8(card.toString());
            assertTrue(bytes <= 28 * 1024, bytes + " bytes");
            JsonNode body = card.at("/attachments/0/content/body");
            int listed = body.at("/2/facts").size();
            assertTrue(listed > 0, "some findings are listed");
            assertTrue(body.at("/3/text").asText().startsWith((25 - listed) + " more findings; "), body.toString());
        }
    }

    @Test
    void pagerDutysEventKeepsWithinItsFieldLimits() {
        ObjectNode event = PagerDutyProvider.event("R0UTINGKEY", notification(3, ""), "host-0", "y".repeat(3000));
        assertEquals(1024, event.at("/payload/summary").asText().length());
        assertEquals("warning", event.at("/payload/severity").asText());
        String longKey = "k".repeat(400);
        String dedup = PagerDutyProvider.event("R0UTINGKEY", notification(0, ""), longKey, "t").path("dedup_key").asText();
        assertTrue(dedup.length() <= 255 && dedup.startsWith("disk_full/"), dedup);
        assertEquals(dedup, PagerDutyProvider.event("R0UTINGKEY", notification(0, ""), longKey, "t").path("dedup_key").asText(),
                "stable");
        assertEquals("disk_full", PagerDutyProvider.event("R0UTINGKEY", notification(0, ""), "", "").path("dedup_key").asText(),
                "an alert without findings is one event named by the alert");
    }

    @Test
    void pagerDutysEventStaysUnderHalfAMegabyteWhateverTheMessage() {
        Notification n = notification(1, "t").toBuilder().message("\u0007Ж".repeat(300_000)).build();
        ObjectNode event = PagerDutyProvider.event("R0UTINGKEY", n, "host-0", "t");
        assertTrue(Cut.utf8(event.toString()) <= 512 * 1024, "bytes: " + Cut.utf8(event.toString()));
        assertTrue(event.at("/payload/custom_details/message").asText().endsWith("…"));
        ObjectNode hugeKey = PagerDutyProvider.event("R0UTINGKEY", n, "k".repeat(600_000), "t");
        assertTrue(Cut.utf8(hugeKey.toString()) <= 512 * 1024, "a key of 600,000 characters is cut too");
    }

    @Test
    void pagerDutyAndOpsgenieNeverCutInsideAnEmoji() {
        String fire = "\uD83D\uDD25";
        Notification n = notification(0, "").toBuilder().title("ab" + fire.repeat(600)).build();
        String summary = PagerDutyProvider.event("R0UTINGKEY", n, "", "").at("/payload/summary").asText();
        String message = OpsgenieProvider.alert(n, "", "", "disk_full").path("message").asText();
        for (String cut : List.of(summary, message)) {
            assertTrue(cut.endsWith(fire + "…"), cut);
            assertTrue(cut.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE), "half an emoji");
        }
    }

    @Test
    void opsgenieCutsItsMessageAndDescriptionAndHashesALongAlias() {
        Notification n = notification(1, "z".repeat(20_000)).toBuilder().title("t".repeat(300)).build();
        Finding f = n.findings().get(0);
        ObjectNode alert = OpsgenieProvider.alert(n, f.key(), f.text(), Keys.identity("disk_full", "k".repeat(600), 512));
        assertEquals(130, alert.path("message").asText().length());
        assertEquals(15_000, alert.path("description").asText().length());
        assertTrue(alert.path("alias").asText().length() <= 512);
        assertEquals("P3", alert.path("priority").asText());
    }
}
