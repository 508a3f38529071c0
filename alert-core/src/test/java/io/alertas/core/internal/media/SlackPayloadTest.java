package io.alertas.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackPayloadTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");

    @Test
    void textFromDocumentsCannotBecomeSlackMarkup() {
        Notification n = Notification.builder("privileged_logon", Severity.CRITICAL, "logon by <!channel> & <@U123>",
                        Window.of(NOW, NOW), NOW)
                .findings(List.of(Finding.of("<evil>", "a & b"))).cluster("https://es").build();

        JsonNode payload = SlackMedium.payload(n);

        assertEquals("[CRITICAL] privileged_logon (1 finding): logon by &lt;!channel&gt; &amp; &lt;@U123&gt;",
                payload.path("text").asText());
        assertEquals("*&lt;evil&gt;*\na &amp; b", payload.path("blocks").path(2).path("fields").path(0).path("text").asText());
    }

    @Test
    void manyFindingsAreCappedWithACountOfTheRest() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            findings.add(Finding.of("host-" + i, "95% used"));
        }
        Notification n = Notification.builder("filesystem_usage", Severity.WARNING, "50 filesystems are full",
                        Window.of(NOW, NOW), NOW)
                .findings(findings).suppressed(3).cluster("https://es")
                .link("https://kibana.example.com/app/discover#/").build();

        JsonNode payload = SlackMedium.payload(n);

        int fields = 0;
        for (JsonNode block : payload.path("blocks")) {
            fields += block.path("fields").size();
            assertTrue(block.path("fields").size() <= 10, "Slack takes at most 10 fields a section");
        }
        assertEquals(Text.MAX_FINDINGS, fields);
        String context = payload.path("blocks").get(payload.path("blocks").size() - 1).toString();
        assertTrue(context.contains("and 30 more findings"), context);
        assertTrue(context.contains("fired 3 more times while throttled"), context);
        assertTrue(payload.toString().contains("<https://kibana.example.com/app/discover#/|Open the window in Kibana Discover>"),
                payload.toString());
    }

    @Test
    void everyPartStaysWithinSlackLimitsAndNoCutSplitsAnEmojiOrAnEscape() {
        String message = "\uD83D\uDD25".repeat(50_000);
        List<Finding> findings = List.of(Finding.of("k".repeat(5000), "&".repeat(5000)));
        Notification n = Notification.builder("long", Severity.WARNING, message, Window.of(NOW, NOW), NOW)
                .findings(findings).cluster("https://es").build();

        JsonNode payload = SlackMedium.payload(n);

        assertTrue(payload.path("text").asText().length() <= 4000, "the fallback text");
        assertTrue(payload.path("blocks").path(0).path("text").path("text").asText().length() <= 150, "the header");
        String section = payload.path("blocks").path(1).path("text").path("text").asText();
        assertTrue(section.length() <= 3000 && section.endsWith("\uD83D\uDD25…"), "the message, cut between emoji");
        String field = payload.path("blocks").path(2).path("fields").path(0).path("text").asText();
        assertTrue(field.length() <= 2000 && field.endsWith("&amp;…"), "a field, cut between escapes: " + field.substring(1990));
    }

    @Test
    void clipNeverCutsASurrogatePairOrAnEntity() {
        assertEquals("ab…", SlackMedium.clip("ab\uD83D\uDD25cd", 4));
        assertEquals("a&amp;…", SlackMedium.clip("a&amp;&amp;", 9));
        assertEquals("a…", SlackMedium.clip("a&amp;&amp;", 5));
        assertEquals("short", SlackMedium.clip("short", 5));
    }
}
