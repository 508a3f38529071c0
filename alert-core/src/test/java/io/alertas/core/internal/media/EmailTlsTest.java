package io.alertas.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.alertas.spi.DeliveryException;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import io.alertas.spi.SettingException;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Email over SMTPS (GreenMail) and STARTTLS (GreenMail behind a {@link TestingStartTlsFront}, as GreenMail has no
 * STARTTLS) with a self-signed certificate the user trusts through {@code smtp.ca_certificate}: mail arrives, the
 * password crosses only inside TLS, and a certificate of another CA or for another name is refused in one line.
 */
class EmailTlsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "smtp-tls-Secret-9";
    private static final long STARTUP_BOUND_MS = 120_000;
    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");

    @TempDir
    static Path dir;
    private static TestingTls tls;
    private static GreenMail greenMail;

    @BeforeAll
    static void startServers() throws Exception {
        tls = TestingTls.make(dir);
        // GreenMail's SMTPS reads its keystore once per JVM, when it first serves TLS; no other test here serves TLS.
        System.setProperty("greenmail.tls.keystore.file", tls.keystore().toString());
        System.setProperty("greenmail.tls.keystore.password", TestingTls.PASSWORD);
        System.setProperty("greenmail.tls.key.password", TestingTls.PASSWORD);
        ServerSetup[] setups = {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()};
        for (ServerSetup setup : setups) {
            setup.setServerStartupTimeout(STARTUP_BOUND_MS); // GreenMail's 2 s is short for a TLS server on a busy machine
        }
        greenMail = new GreenMail(setups);
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts", PASSWORD));
        greenMail.start();
    }

    @AfterAll
    static void stopServers() {
        greenMail.stop();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    private static Notification notification() {
        return Notification.builder("privileged_logon", Severity.CRITICAL, "Privileged accounts logged on: Administrator (1)",
                Window.of(NOW.minusSeconds(120), NOW.minusSeconds(60)), NOW).cluster("https://es.example.com:9200").build();
    }

    private static Medium medium(String host, int port, String security, Path ca) throws SettingException {
        ObjectNode settings = JSON.createObjectNode().put("from", "alertas@example.com").put("to", "ops@example.com");
        ObjectNode smtp = settings.putObject("smtp").put("host", host).put("port", port).put("security", security)
                .put("username", "alerts").put("password", PASSWORD);
        if (ca != null) {
            smtp.put("ca_certificate", ca.toString());
        }
        return new EmailProvider().create(settings);
    }

    private static void assertNoPassword(String text) {
        assertFalse(text.contains(PASSWORD), text);
        assertFalse(text.contains(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8))), text);
        assertFalse(text.contains(Base64.getEncoder().encodeToString(("\0alerts\0" + PASSWORD).getBytes(StandardCharsets.UTF_8))), text);
    }

    @Test
    void smtpsWithTheTrustedCertificateDeliversTheMail() throws Exception {
        Medium medium = medium("localhost", greenMail.getSmtps().getPort(), "ssl", tls.certificate());

        String reached = ((Reachable) medium).reach();
        medium.deliver(notification());

        assertEquals("SMTP localhost:" + greenMail.getSmtps().getPort() + " accepted the login of \"alerts\"", reached);
        assertEquals(1, greenMail.getReceivedMessages().length);
        assertEquals("[Alertas] [CRITICAL] privileged_logon", greenMail.getReceivedMessages()[0].getSubject());
    }

    @Test
    void starttlsWithTheTrustedCertificateDeliversTheMailAndLogsInOnlyInsideTls() throws Exception {
        try (TestingStartTlsFront front = TestingStartTlsFront.offering(tls.serverContext(), greenMail.getSmtp().getPort())) {
            medium("localhost", front.port(), "starttls", tls.certificate()).deliver(notification());

            assertEquals(1, greenMail.getReceivedMessages().length);
            assertTrue(front.clearText().contains("STARTTLS"), front.clearText());
            assertFalse(front.clearText().contains("AUTH"), front.clearText());
            assertNoPassword(front.clearText());
        }
    }

    @Test
    void starttlsRefusesAServerThatDoesNotOfferItAndSendsNoPasswordInClear() throws Exception {
        try (TestingStartTlsFront plain = TestingStartTlsFront.withoutStartTls()) {
            Medium medium = medium("localhost", plain.port(), "starttls", tls.certificate());

            DeliveryException e = assertThrows(DeliveryException.class, () -> medium.deliver(notification()));

            assertEquals("SMTP delivery failed: STARTTLS is required but host does not support STARTTLS", e.getMessage());
            assertFalse(plain.clearText().contains("AUTH"), plain.clearText());
            assertFalse(plain.clearText().contains("MAIL FROM"), plain.clearText());
            assertNoPassword(plain.clearText());
        }
    }

    @Test
    void aCertificateTheUserDoesNotTrustIsRefusedInOneLine() throws Exception {
        for (Path ca : new Path[] {tls.otherCertificate(), null}) {
            Medium medium = medium("localhost", greenMail.getSmtps().getPort(), "ssl", ca);

            DeliveryException e = assertThrows(DeliveryException.class, () -> medium.deliver(notification()));

            assertEquals("SMTP delivery failed: Could not connect to SMTP host: localhost, port: " + greenMail.getSmtps().getPort()
                    + " (TLS refused: unable to find valid certification path to requested target; check email.smtp.host"
                    + " against the server's certificate, and email.smtp.ca_certificate)", e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertNoPassword(e.getMessage());
        }
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aCertificateForAnotherNameIsRefusedInOneLine() throws Exception {
        Medium medium = medium("127.0.0.1", greenMail.getSmtps().getPort(), "ssl", tls.certificate());

        DeliveryException e = assertThrows(DeliveryException.class, () -> medium.deliver(notification()));

        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertTrue(e.getMessage().contains("check email.smtp.host against the server's certificate"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertNoPassword(e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aCaFileThatIsMissingGarbageHugeOrRelativeIsNamedAsTheSetting() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.crt"), "-----BEGIN CERTIFICATE-----\nnot base64 \u202e\n");
        Path huge = dir.resolve("huge.crt");
        Files.write(huge, new byte[3 << 20]);
        Path missing = dir.resolve("missing.crt");

        assertEquals("cannot be used: " + missing + " does not exist", refusal(missing.toString(), "ssl"));
        assertTrue(refusal(garbage.toString(), "ssl").startsWith("cannot be used: " + garbage + " is not a readable PEM certificate"),
                refusal(garbage.toString(), "ssl"));
        assertTrue(refusal(huge.toString(), "ssl").startsWith("cannot be used: " + huge + " is larger than"), refusal(huge.toString(), "ssl"));
        assertEquals("must be an absolute path, such as \"/etc/alertas/smtp-ca.crt\"", refusal("certs/smtp-ca.crt", "ssl"));
        assertEquals("needs \"security\": \"starttls\" or \"ssl\"; with \"none\" nothing is verified",
                refusal(tls.certificate().toString(), "none"));
    }

    private static String refusal(String ca, String security) {
        ObjectNode settings = JSON.createObjectNode().put("from", "alertas@example.com").put("to", "ops@example.com");
        settings.putObject("smtp").put("host", "localhost").put("security", security).put("ca_certificate", ca);
        SettingException e = assertThrows(SettingException.class, () -> new EmailProvider().create(settings));
        assertEquals("smtp.ca_certificate", e.field());
        return e.getMessage();
    }
}
