package io.alertas.core.internal.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A template reaches nothing past the notification, and what it may cost to read and to render is bounded. */
class TemplateTest {

    private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

    private static Notification notification(int findings) {
        List<Finding> list = new ArrayList<>();
        for (int i = 0; i < findings; i++) {
            list.add(Finding.of("host-" + i, "disk \"full\" \u2014 99%"));
        }
        return Notification.builder("disk_full", Severity.WARNING, "a \"quoted\" message", Window.of(T.minusSeconds(60), T), T)
                .findings(list).build();
    }

    private static String refusal(String source) {
        return assertThrows(Template.Invalid.class, () -> Template.text("body", source)).getMessage();
    }

    @Test
    void aPartialIsRefusedWhenReadWhateverItNames() {
        for (String partial : List.of("ENV={{> /proc/self/environ}}", "{{>credentials.json}}", "x\n{{ > ../etc/passwd }}",
                "{{< parent}}{{/parent}}", "{{$block}}x{{/block}}", "{{=<% %>=}}<%> /etc/passwd%>", "{{%IMPLICIT-ITERATOR}}")) {
            String message = refusal(partial);
            assertTrue(message.startsWith("is not a valid template: uses {{"), partial + " -> " + message);
            assertTrue(message.contains("a template cannot include files or other templates"), message);
        }
        assertTrue(refusal("x\n{{ > ../etc/passwd }}").endsWith("at line 2"), refusal("x\n{{ > ../etc/passwd }}"));
    }

    @Test
    void sectionsDeeperThanTheLimitAreRefusedWhenReadNotRenderedWithoutEnd() {
        String six = "{{#findings}}".repeat(6) + "{{key}}" + "{{/findings}}".repeat(6);
        assertEquals("is not a valid template: has sections more than 4 deep at line 1", refusal(six));
        String deep = "{{#findings}}".repeat(5000) + "{{/findings}}".repeat(5000);
        assertTrue(refusal(deep).contains("more than 4 deep"), "no StackOverflowError while reading");
    }

    @Test
    void sectionsMultiplyingTheirWorkStopAtTheBudgetAndTheRenderingFallsBack() throws Template.Invalid {
        Template four = Template.text("body", "{{#findings}}{{#findings}}{{#findings}}{{#findings}}."
                + "{{/findings}}{{/findings}}{{/findings}}{{/findings}}");
        Notification many = notification(50);
        Template.TooLarge stopped = assertThrows(Template.TooLarge.class, () -> four.render(many));
        assertEquals("turns its sections more than 100000 times", stopped.getMessage());
        assertEquals(many.message(), four.renderOr(many, "body", many::message));
        assertEquals(".".repeat(16), four.render(notification(2)));
    }

    @Test
    void aRenderingLargerThanTheBudgetStops() throws Template.Invalid {
        Template big = Template.text("body", "{{#findings}}{{message}}{{message}}{{/findings}}");
        Notification n = Notification.builder("a", Severity.INFO, "m".repeat(600), Window.of(T.minusSeconds(60), T), T)
                .findings(notification(1000).findings()).build();
        assertEquals("renders more than 1048576 characters", assertThrows(Template.TooLarge.class, () -> big.render(n))
                .getMessage());
    }

    @Test
    void namesReachTheNotificationsFieldsAndNoJavaMethod() throws Template.Invalid {
        Template template = Template.text("title", "[{{message.class}}][{{message.bytes}}][{{findings.size}}]"
                + "[{{alert.class.classLoader}}]{{alert}}");
        assertEquals("[][][][]disk_full", template.render(notification(2)));
    }

    @Test
    void aJsonTemplateEscapesEveryValueAndRefusesTheUnescapedForms() throws Exception {
        Template body = Template.json("body", "{\"text\": \"{{message}}\", \"keys\": [{{#findings}}\"{{text}}\",{{/findings}}\"\"]}");
        assertEquals("a \"quoted\" message", new ObjectMapper().readTree(body.render(notification(3))).path("text").asText());
        for (String raw : List.of("{\"text\": \"{{{message}}}\"}", "{\"text\": \"{{& message}}\"}")) {
            Template.Invalid refused = assertThrows(Template.Invalid.class, () -> Template.json("body", raw));
            assertTrue(refused.getMessage().startsWith("is not a valid template: writes a value unescaped into JSON"),
                    refused.getMessage());
        }
        assertEquals("a \"quoted\" message", Template.text("title", "{{{message}}}").render(notification(0)));
    }
}
