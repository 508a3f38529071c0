package io.alertas.core.internal.media.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.media.Cut;
import io.alertas.spi.DeliveryException;
import io.alertas.spi.Finding;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import io.alertas.spi.SettingException;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import io.alertas.testkit.RecordingHttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Alertmanager medium's settings, its alerts and its answers to what an Alertmanager documents (200, 400 with
 * its reason as a JSON string, 422, 5xx, 429 with Retry-After, no answer at all), against local servers: one
 * Alertmanager that takes the alerts is enough, a refusal is final, the rest is tried again.
 */
class AlertmanagerProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIRED = Instant.parse("2026-06-01T10:01:00Z");
    private static final String PASSWORD = "am-pass-5e3r3t-w0rd";

    private RecordingHttpServer am1;
    private RecordingHttpServer am2;

    @BeforeEach
    void start() {
        am1 = RecordingHttpServer.start();
        am2 = RecordingHttpServer.start();
    }

    @AfterEach
    void stop() {
        am1.close();
        am2.close();
    }

    private static Notification fired(List<Finding> findings) {
        return Notification.builder("web_errors", Severity.CRITICAL, "Errors on 2 hosts",
                        Window.of(FIRED.minusSeconds(60), FIRED), FIRED)
                .findings(findings).cluster("https://es.example.com:9200").plugin("infra").build();
    }

    private ObjectNode settings(RecordingHttpServer... servers) {
        ObjectNode settings = JSON.createObjectNode().put("username", "alertas").put("password", PASSWORD).put("timeout", "1s");
        for (RecordingHttpServer server : servers) {
            settings.withArray("urls").add(server.url("/").toString());
        }
        return settings;
    }

    /** The medium of {@code settings}, sending at the instant its notifications fired. */
    private static Medium medium(JsonNode settings) throws SettingException {
        return new AlertmanagerProvider().create(settings, Clock.fixed(FIRED, ZoneOffset.UTC));
    }

    @Test
    void eachFindingIsOneAlertWithItsLabelsAnnotationsAndTimesAndAResolutionEndsTheSameAlerts() throws Exception {
        ObjectNode settings = settings(am1);
        settings.putObject("labels").put("team", "web");
        Medium medium = medium(settings);
        medium.deliver(fired(List.of(Finding.of("web-1", "3 errors"), Finding.of("web-2", "1 errors"))));
        medium.deliver(Notification.builder("web_errors", Severity.CRITICAL, "Resolved", Window.of(FIRED, FIRED.plusSeconds(600)),
                FIRED.plusSeconds(600)).findings(List.of(Finding.of("web-1", "last fired at " + FIRED))).plugin("infra")
                .resolved(true).build());

        RecordingHttpServer.Request post = am1.requests().get(0);
        assertEquals("/api/v2/alerts", post.path());
        assertEquals("POST", post.method());
        assertTrue(post.header("Authorization").startsWith("Basic "));
        JsonNode alerts = JSON.readTree(post.body());
        assertEquals(2, alerts.size());
        JsonNode first = alerts.get(0);
        assertEquals(JSON.readTree("{\"alertname\": \"web_errors\", \"severity\": \"critical\", \"key\": \"web-1\","
                + " \"plugin\": \"infra\", \"team\": \"web\"}"), first.get("labels"));
        assertEquals("[CRITICAL] web_errors (2 findings)", first.at("/annotations/title").asText());
        assertEquals("web-1: 3 errors", first.at("/annotations/message").asText());
        assertEquals(FIRED.toString(), first.get("startsAt").asText());
        assertEquals(FIRED.plus(AlertmanagerProvider.LEASE).toString(), first.get("endsAt").asText());
        assertEquals("https://es.example.com:9200", first.get("generatorURL").asText());
        assertEquals("web-2", alerts.get(1).at("/labels/key").asText());

        JsonNode resolved = JSON.readTree(am1.requests().get(1).body()).get(0);
        assertEquals(first.get("labels"), resolved.get("labels"), "the same labels: the same alert at Alertmanager");
        assertEquals(FIRED.plusSeconds(600).toString(), resolved.get("endsAt").asText());
        assertFalse(resolved.has("startsAt"));
    }

    @Test
    void aNotificationSentLongAfterItFiredStartsWhenItFiredAndEndsALeaseAfterItsSending() throws Exception {
        Instant sent = FIRED.plus(Duration.ofHours(3));   // kept 3 hours: longer than the lease
        new AlertmanagerProvider().create(settings(am1), Clock.fixed(sent, ZoneOffset.UTC))
                .deliver(fired(List.of(Finding.of("web-1", "3 errors"))));
        JsonNode alert = JSON.readTree(am1.requests().get(0).body()).get(0);
        assertEquals(FIRED.toString(), alert.get("startsAt").asText());
        assertEquals(sent.plus(AlertmanagerProvider.LEASE).toString(), alert.get("endsAt").asText(), "firing when it arrives");
    }

    @Test
    void anAlertWithoutFindingsIsOneAlertWithoutAKeyAndItsLinkIsTheGenerator() throws Exception {
        medium(settings(am1)).deliver(fired(List.of()).toBuilder().link("https://kibana.example.com/app/discover#/x").build());
        JsonNode alert = JSON.readTree(am1.requests().get(0).body()).get(0);
        assertFalse(alert.get("labels").has("key"));
        assertEquals("Errors on 2 hosts", alert.at("/annotations/message").asText());
        assertEquals("https://kibana.example.com/app/discover#/x", alert.at("/annotations/link").asText());
        assertEquals("https://kibana.example.com/app/discover#/x", alert.get("generatorURL").asText());
    }

    @Test
    void hostileKeysAndMessagesAreCutToValidBoundedUtf8AndALongKeyStaysOneIdentity() throws Exception {
        String huge = "k".repeat(1 << 20);
        String key = "host\u0000\r\nX-Injected: 1\ud800" + huge;
        Medium medium = medium(settings(am1));
        medium.deliver(fired(List.of(Finding.of(key, "z"), Finding.of(huge + "2", "z"),
                Finding.of("web-1", "x\u0007y\n" + "m".repeat(1 << 20)))));
        JsonNode alerts = JSON.readTree(am1.requests().get(0).body());
        String label = alerts.get(0).at("/labels/key").asText();
        assertTrue(label.length() <= PostableAlerts.MAX_LABEL, "" + label.length());
        assertTrue(label.startsWith("host X-Injected: 1\ufffdkkk"), label.substring(0, 30));
        assertNotEquals(label, alerts.get(1).at("/labels/key").asText(), "two long keys stay two alerts");
        assertTrue(alerts.get(0).at("/annotations/message").asText().startsWith("host \nX-Injected: 1\ufffdkkk"));
        String message = alerts.get(2).at("/annotations/message").asText();
        assertTrue(Cut.utf8(message) <= PostableAlerts.MAX_MESSAGE_BYTES);
        assertTrue(message.startsWith("web-1: x y\nmmm"), message.substring(0, 60));
        for (JsonNode alert : alerts) {
            assertFalse(alert.at("/annotations/message").asText().chars().anyMatch(c -> c < 0x20 && c != '\n'));
        }

        medium.deliver(fired(List.of(Finding.of(key, "again"))));
        assertEquals(label, JSON.readTree(am1.requests().get(1).body()).get(0).at("/labels/key").asText(),
                "the same key gets the same label on every pass");
    }

    @Test
    void oneAlertmanagerThatTakesTheAlertsIsEnoughAndTheOtherIsToldToo() throws Exception {
        am1.respond(503, "unavailable");
        medium(settings(am1, am2)).deliver(fired(List.of(Finding.of("web-1", "3 errors"))));
        assertEquals(1, am1.requests().size());
        assertEquals(am1.requests().get(0).body(), am2.requests().get(0).body());

        // the first down for good (nothing listens there): the second still takes them
        ObjectNode settings = settings(am2);
        settings.withArray("urls").insert(0, "http://127.0.0.1:" + closedPort());
        medium(settings).deliver(fired(List.of(Finding.of("web-1", "3 errors"))));
        assertEquals(2, am2.requests().size());
    }

    @Test
    void aRefusalByEveryAlertmanagerIsFinalWithItsReasonAndAnythingElseIsTriedAgain() throws Exception {
        Medium medium = medium(settings(am1, am2));
        Notification notification = fired(List.of(Finding.of("web-1", "3 errors")));

        am1.respond(400, "\"start time must be before end time\"");
        am2.respond(422, "{\"code\": 601, \"message\": \"0.generatorURL in body must be of type uri\"}");
        DeliveryException refused = assertThrows(DeliveryException.class, () -> medium.deliver(notification));
        assertTrue(refused.refused());
        assertEquals("Alertmanager 127.0.0.1:" + am1.url("/").getPort() + " answered 400 (start time must be before end time);"
                + " Alertmanager 127.0.0.1:" + am2.url("/").getPort() + " answered 422 (0.generatorURL in body must be of type uri)",
                refused.getMessage());

        am1.respond(400, "\"bad\"");
        am2.respond(500, "\"internal\"");
        DeliveryException mixed = assertThrows(DeliveryException.class, () -> medium.deliver(notification));
        assertFalse(mixed.refused(), "the other may take it later");
        assertTrue(mixed.retryable());

        am1.respond(429, "slow down", Map.of("Retry-After", "30"));
        am2.respond(503, "busy", Map.of("Retry-After", "5"));
        DeliveryException waiting = assertThrows(DeliveryException.class, () -> medium.deliver(notification));
        assertTrue(waiting.retryable());
        assertEquals(Duration.ofSeconds(5), waiting.retryAfter().orElseThrow(), "the first that will take it again");

        am1.respond(401, "Unauthorized");
        am2.respond(401, "Unauthorized");
        DeliveryException unauthorized = assertThrows(DeliveryException.class, () -> medium.deliver(notification));
        assertFalse(unauthorized.retryable() || unauthorized.refused(), "kept for a later pass, once the password is right");
    }

    @Test
    void anAlertmanagerThatNeverAnswersFailsAtTheTimeoutAndIsTriedAgain() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ObjectNode settings = settings().put("timeout", "1s");
            settings.withArray("urls").add("http://127.0.0.1:" + silent.getLocalPort());
            Instant start = Instant.now();
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> medium(settings).deliver(fired(List.of(Finding.of("web-1", "3 errors")))));
            assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(5)) < 0);
            assertTrue(e.retryable());
            assertEquals("Alertmanager 127.0.0.1:" + silent.getLocalPort() + " could not be reached: HttpTimeoutException",
                    e.getMessage());
        }
    }

    @Test
    void manyFindingsGoInBatchesAndThoseTakenBeforeAFailureCountAsDelivered() throws Exception {
        List<Finding> findings = IntStream.range(0, 70).mapToObj(i -> Finding.of("host-" + i, "1 errors")).toList();
        am1.respond(200, "");
        am1.respond(500, "\"internal\"");
        DeliveryException e = assertThrows(DeliveryException.class, () -> medium(settings(am1)).deliver(fired(findings)));
        assertEquals(Alertmanagers.BATCH, JSON.readTree(am1.requests().get(0).body()).size());
        assertEquals(70 - Alertmanagers.BATCH, JSON.readTree(am1.requests().get(1).body()).size());
        assertEquals(Alertmanagers.BATCH, e.accepted().size());
        assertTrue(e.accepted().contains("host-0") && !e.accepted().contains("host-64"));
    }

    @Test
    void aBearerTokenGoesInTheHeaderAndAPathPrefixIsKept() throws Exception {
        ObjectNode settings = JSON.createObjectNode().put("bearer_token", "t0k3n-for-am");
        settings.putArray("urls").add(am1.url("/alertmanager/").toString());
        medium(settings).deliver(fired(List.of()));
        assertEquals("/alertmanager/api/v2/alerts", am1.requests().get(0).path());
        assertEquals("Bearer t0k3n-for-am", am1.requests().get(0).header("Authorization"));
    }

    @Test
    void badSettingsAreRefusedByNameWithoutQuotingASecret() {
        String secretUrl = "http://am1:9093/" + PASSWORD;
        List<String[]> cases = new ArrayList<>(List.of(
                new String[] {"{}", "urls", "is missing; give the URL of each Alertmanager"},
                new String[] {"{\"urls\": []}", "urls", "must list from 1 to 16 Alertmanagers"},
                new String[] {"{\"urls\": [\"ftp://am1/" + PASSWORD + "\"]}", "urls.0", "must be an http(s) URL of an Alertmanager"},
                new String[] {"{\"urls\": [\"http://alertas:" + PASSWORD + "@am1:9093\"]}", "urls.0", "must not hold a user and password"},
                new String[] {"{\"urls\": [\"" + secretUrl + "\", \"" + secretUrl + "\"]}", "urls.1", "is given twice"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"url\": \"http://am2:9093\"}", "url", "is not a setting of alertmanager"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"password\": \"" + PASSWORD + "\"}", "username", "is missing; give both"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"username\": \"a\", \"password\": \"p\u200bw\"}", "password",
                        "holds a character an HTTP header cannot carry, U+200B"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"username\": \"a:b\", \"password\": \"" + PASSWORD + "\"}",
                        "username", "cannot hold ':'"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"username\": \"a\", \"password\": \"" + PASSWORD
                        + "\", \"bearer_token\": \"" + PASSWORD + "\"}", "bearer_token", "cannot go with username and password"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"labels\": {\"severity\": \"low\"}}", "labels.severity",
                        "is set by Alertas itself"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"labels\": {\"team-x\": \"web\"}}", "labels", "has a label name"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"labels\": {\"team\": \"web\\nX: 1\"}}", "labels.team",
                        "without control characters"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"labels\": {\"team\": {\"deep\": [[[1]]]}}}", "labels.team",
                        "must be a non-empty line of text"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"labels\": {\"team\": \"" + "w".repeat(2000) + "\"}}", "labels.team",
                        "at most 1024 characters"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"lease\": \"5000d\"}", "lease", "from 60s to 1095d"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"lease\": -5}", "lease", "from 60s to 1095d"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"lease\": \"99999999999999999999d\"}", "lease", "from 60s to 1095d"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"timeout\": \"1h\"}", "timeout", "from 1s to 300s"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"ca_certificate\": \"am-ca.crt\"}", "ca_certificate",
                        "must be an absolute path"},
                new String[] {"{\"urls\": \"http://am1:9093\", \"ca_certificate\": \"/nonexistent/am-ca.crt\"}", "ca_certificate",
                        "cannot be used: "}));
        String many = "{\"urls\": [" + String.join(",", IntStream.range(0, 17).mapToObj(i -> "\"http://am" + i + ":9093\"").toList()) + "]}";
        cases.add(new String[] {many, "urls", "must list from 1 to 16 Alertmanagers"});
        for (String[] c : cases) {
            SettingException e = assertThrows(SettingException.class, () -> medium(JSON.readTree(c[0])), c[0]);
            assertEquals(c[1], e.field(), c[0]);
            assertTrue(e.getMessage().contains(c[2]), c[0] + " -> " + e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        }
    }

    @Test
    void aCheckConnectsToEveryAlertmanagerAndNamesTheOneDown() throws Exception {
        ObjectNode settings = settings(am1);
        int closed = closedPort();
        settings.withArray("urls").add("http://127.0.0.1:" + closed + "/" + PASSWORD);
        IOException e = assertThrows(IOException.class, () -> ((Alertmanagers) medium(settings)).reach());
        assertTrue(e.getMessage().startsWith("127.0.0.1:" + closed + " cannot be reached: ConnectException"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(connected to 127.0.0.1:" + am1.url("/").getPort() + ")"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
        assertEquals("connected to 127.0.0.1:" + am1.url("/").getPort(), ((Alertmanagers) medium(settings(am1))).reach());
    }

    /** A port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
