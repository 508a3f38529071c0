package io.alertas.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.alertas.spi.DeliveryException;
import io.alertas.spi.Finding;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import io.alertas.spi.SettingException;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailMediumTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig()
                    .withUser("alerts", "smtp-secret-pw"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");

    private static Notification notification(String key) {
        return Notification.builder("privileged_logon", Severity.CRITICAL, "Privileged accounts logged on: " + key + " (1)",
                        Window.of(NOW.minusSeconds(120), NOW.minusSeconds(60)), NOW)
                .findings(List.of(Finding.of(key, "1 logon on <dc01> & co"))).cluster("https://es.example.com:9200")
                .build();
    }

    private Medium medium(String user, String password) throws SettingException {
        String settings = """
                {"from": "alertas@example.com", "to": ["ops@example.com", "soc@example.com"],
                 "smtp": {"host": "127.0.0.1", "port": %d, "security": "none", "username": "%s", "password": "%s"}}
                """.formatted(SMTP.getSmtp().getPort(), user, password);
        try {
            return new EmailProvider().create(JSON.readTree(settings));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sendsTextAndHtmlToEveryRecipientWithAnEscapedTable() throws Exception {
        medium("alerts", "smtp-secret-pw").deliver(notification("Administrator"));

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(2, received.length, "one copy per recipient");
        MimeMessage mail = received[0];
        assertEquals("[Alertas] [CRITICAL] privileged_logon (1 finding)", mail.getSubject());
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertEquals(2, parts.getCount());
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(text.contains("- Administrator: 1 logon on <dc01> & co"), text);
        assertTrue(html.contains("<td>Administrator</td><td>1 logon on &lt;dc01&gt; &amp; co</td>"), html);
        assertTrue(GreenMailUtil.getBody(mail).contains("Window 2026-05-04T10:13:00Z to 2026-05-04T10:14:00Z"));
    }

    @Test
    void aLineBreakInAValueNeverReachesAHeader() throws Exception {
        Notification hostile = Notification.builder("privileged_logon\r\nBcc: evil@example.com", Severity.INFO, "m",
                        Window.of(NOW, NOW), NOW)
                .cluster("https://es").build();

        medium("alerts", "smtp-secret-pw").deliver(hostile);

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertEquals("[Alertas] [INFO] privileged_logon Bcc: evil@example.com", mail.getSubject());
        assertEquals(null, mail.getHeader("Bcc"));
        assertEquals(2, SMTP.getReceivedMessages().length);
    }

    @Test
    void aRefusedLoginNamesTheUserNotThePassword() throws Exception {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> medium("alerts", "wrong-smtp-pw-123").deliver(notification("Administrator")));

        assertTrue(e.getMessage().contains("refused the login of \"alerts\""), e.getMessage());
        assertTrue(!e.getMessage().contains("wrong-smtp-pw-123"), e.getMessage());
    }

    @Test
    void aBadAddressIsASettingErrorNamingTheField() {
        SettingException e = assertThrows(SettingException.class, () -> new EmailProvider().create(JSON.readTree(
                "{\"from\": \"not an address\", \"to\": \"ops@example.com\", \"smtp\": {\"host\": \"h\"}}")));

        assertEquals("from", e.field());
    }
}
