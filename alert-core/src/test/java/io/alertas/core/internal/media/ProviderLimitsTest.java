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
        JsonNode body = TeamsProvider.card(notification(25, "x".repeat(5000))).at("/attachments/0/content/body");
        assertEquals(20, body.at("/2/facts").size());
        assertEquals(1000, body.at("/2/facts/0/value").asText().length());
        assertTrue(body.at("/3/text").asText().startsWith("5 more findings; "), body.toString());
        assertTrue(TeamsProvider.card(notification(25, "x".repeat(5000))).toString().length() < 28_000);
    }

    @Test
    void pagerDutySendsOneEventPerFindingWithinItsFieldLimits() {
        List<ObjectNode> events = PagerDutyProvider.events("R0UTINGKEY", notification(3, "y".repeat(3000)));
        assertEquals(3, events.size());
        assertEquals(1024, events.get(0).at("/payload/summary").asText().length());
        assertEquals("warning", events.get(0).at("/payload/severity").asText());
        String longKey = "k".repeat(400);
        Notification one = notification(0, "").toBuilder().findings(List.of(Finding.of(longKey, "t"))).build();
        String dedup = PagerDutyProvider.events("R0UTINGKEY", one).get(0).path("dedup_key").asText();
        assertTrue(dedup.length() <= 255 && dedup.startsWith("disk_full/"), dedup);
        assertEquals(dedup, PagerDutyProvider.events("R0UTINGKEY", one).get(0).path("dedup_key").asText(), "stable");
    }

    @Test
    void opsgenieCutsItsMessageAndDescriptionAndHashesALongAlias() {
        Notification n = notification(1, "z".repeat(20_000)).toBuilder().title("t".repeat(300)).build();
        ObjectNode alert = OpsgenieProvider.alert(n, n.findings().get(0), Keys.identity("disk_full", "k".repeat(600), 512));
        assertEquals(130, alert.path("message").asText().length());
        assertEquals(15_000, alert.path("description").asText().length());
        assertTrue(alert.path("alias").asText().length() <= 512);
        assertEquals("P3", alert.path("priority").asText());
    }
}
