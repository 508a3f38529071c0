package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.AlertmanagerProcess;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alertmanager medium against a real Alertmanager (Debian's prometheus-alertmanager, started for the class on
 * a free port): a pass posts the alert, read back from Alertmanager's API with its labels, annotations and times;
 * a later pass resolves it; with one of two Alertmanagers down the pass still delivers; a notification kept longer
 * than the lease arrives firing; an https one is verified
 * against its CA file; a receiver that echoes the request with the basic auth password in it gets it masked
 * everywhere.
 */
@ExtendWith(ElasticsearchExtension.class)
class AlertmanagerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "am-secret-pa55word";
    private static final String RESOLVED = "alertmanager_alerts_received_total{status=\"resolved\",version=\"v2\"}";
    private static final String FIRING = "alertmanager_alerts_received_total{status=\"firing\",version=\"v2\"}";

    private static AlertmanagerProcess alertmanager;
    private ElasticsearchNode node;
    @TempDir
    Path dir;

    @BeforeAll
    static void startAlertmanager(@TempDir Path amDir) throws Exception {
        alertmanager = AlertmanagerProcess.start(amDir);
    }

    @AfterAll
    static void stopAlertmanager() {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    /** A minute a few minutes ago: the passes run then, so that Alertmanager's own clock sees the resolution as past. */
    private static Instant base() {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
    }

    /** The web_errors alert on an index with one error of {@code host} 10 s after {@code base}, sent to {@code urls}. */
    private TestingConfig config(String index, String host, Instant base, List<String> urls) {
        OperatingTest.seed(node, index, host, Duration.between(OperatingTest.T0, base).toSeconds() + 10);
        ObjectNode medium = JSON.createObjectNode().put("type", "alertmanager").put("username", "alertas").put("password", PASSWORD)
                .put("timeout", "2s");
        urls.forEach(medium.putArray("urls")::add);
        medium.putObject("labels").put("team", "web");
        ObjectNode media = JSON.createObjectNode();
        media.set("am", medium);
        TestingConfig config = MediaTest.config(dir, node, index, media, "\"resolve_after\": 1");
        ((ObjectNode) config.credentials.get("elasticsearch")).put("kibana_url", "https://kibana.example.com");
        config.writeCredentials();
        config.clock(base);
        return config;
    }

    private static JsonNode alertOf(String host) throws Exception {
        for (JsonNode alert : alertmanager.alerts()) {
            if (alert.at("/labels/key").asText().equals(host)) {
                return alert;
            }
        }
        return null;
    }

    @Test
    void aPassPostsTheAlertWithItsLabelsAnnotationsAndTimesAndALaterPassResolvesIt() throws Exception {
        Instant base = base();
        TestingConfig config = config("am-web", "web-am-1", base, List.of(alertmanager.url().toString()));
        double resolvedBefore = alertmanager.metric(RESOLVED);

        TestingConfig.Result fired = config.run("run", "--now", base.plusSeconds(60).toString());
        assertEquals(0, fired.exit(), fired.out() + fired.err());
        JsonNode alert = alertOf("web-am-1");
        assertEquals(JSON.readTree("{\"alertname\": \"web_errors\", \"severity\": \"critical\", \"key\": \"web-am-1\","
                + " \"plugin\": \"alerts.d\", \"team\": \"web\"}"), alert.get("labels"), String.valueOf(alert));
        assertEquals("[CRITICAL] web_errors (1 finding)", alert.at("/annotations/title").asText());
        assertEquals("web-am-1: 1 errors", alert.at("/annotations/message").asText());
        String link = alert.at("/annotations/link").asText();
        assertTrue(link.startsWith("https://kibana.example.com/app/discover#/"), link);
        assertEquals(link, alert.get("generatorURL").asText());
        assertEquals(base.plusSeconds(60), Instant.parse(alert.get("startsAt").asText()));
        assertEquals(base.plusSeconds(60).plus(Duration.ofHours(2)), Instant.parse(alert.get("endsAt").asText()), "the lease");
        assertEquals("active", alert.at("/status/state").asText());

        // a quiet window: resolve_after 1 resolves it, and Alertmanager ends the same alert
        TestingConfig.Result resolved = config.run("run", "--now", base.plusSeconds(120).toString());
        assertEquals(0, resolved.exit(), resolved.out() + resolved.err());
        assertEquals(null, alertOf("web-am-1"), "ended: Alertmanager lists only alerts that have not ended");
        assertEquals(resolvedBefore + 1, alertmanager.metric(RESOLVED), "Alertmanager received it as resolved");
    }

    /** The URL of an Alertmanager that ran and was stopped: nothing listens there any more. */
    private static String stopped(Path dir) throws Exception {
        try (AlertmanagerProcess stopped = AlertmanagerProcess.start(dir)) {
            return stopped.url().toString();
        }
    }

    @Test
    void withOneOfTwoAlertmanagersDownThePassDeliversToTheOther(@TempDir Path downDir) throws Exception {
        String down = stopped(downDir);
        Instant base = base();
        TestingConfig config = config("am-ha", "web-am-ha", base, List.of(down, alertmanager.url().toString()));

        TestingConfig.Result run = config.run("run", "--now", base.plusSeconds(60).toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals("active", alertOf("web-am-ha").at("/status/state").asText());

        TestingConfig.Result check = config.run("validate", "--connect");
        assertEquals(1, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains(down.replace("http://", "") + " cannot be reached: ConnectException"), check.out());
        assertTrue(check.out().contains("(connected to " + alertmanager.url().getAuthority() + ")"), check.out());
    }

    @Test
    void aNotificationKeptLongerThanTheLeaseArrivesFiringWithItsLabelsWhenDeliveredLater(@TempDir Path downDir) throws Exception {
        String down = stopped(downDir);
        // it fires 3 hours ago, while no Alertmanager is up: longer ago than the lease of 2 hours
        Instant base = base().minus(Duration.ofHours(3));
        TestingConfig config = config("am-kept", "web-am-kept", base, List.of(down));
        long offset = Duration.between(OperatingTest.T0, base).toSeconds();
        // it fires again in the second window, so that nothing resolves it there
        OperatingTest.seed(node, "am-kept", "web-am-kept", offset + 10, "web-am-kept", offset + 70);
        TestingConfig.Result failed = config.run("run", "--now", base.plusSeconds(60).toString());
        assertEquals(1, failed.exit(), failed.out() + failed.err());
        assertTrue(failed.err().contains("could not be reached: ConnectException"), failed.err());

        ((ObjectNode) config.credentials.at("/media/am")).putArray("urls").add(alertmanager.url().toString());
        config.writeCredentials();
        // the runner's clock shows 3 hours later, a few minutes before Alertmanager's own; the pass's window is the next one
        Instant sent = base.plus(Duration.ofHours(3));
        config.clock(sent);
        TestingConfig.Result kept = config.run("run", "--now", base.plusSeconds(120).toString());
        assertEquals(0, kept.exit(), kept.out() + kept.err());
        JsonNode alert = alertOf("web-am-kept");
        assertTrue(alert != null, "listed at Alertmanager, not ended on arrival: " + alertmanager.alerts());
        assertEquals("active", alert.at("/status/state").asText(), String.valueOf(alert));
        assertEquals("alerts.d", alert.at("/labels/plugin").asText(), String.valueOf(alert));
        int listed = 0;
        for (JsonNode each : alertmanager.alerts()) {
            listed += each.at("/labels/key").asText().equals("web-am-kept") ? 1 : 0;
        }
        assertEquals(1, listed, "one alert at Alertmanager: the kept notification has the labels of a fresh one");
        assertEquals(base.plusSeconds(60), Instant.parse(alert.get("startsAt").asText()), "as fired, not as delivered");
        assertEquals(sent.plus(Duration.ofHours(2)), Instant.parse(alert.get("endsAt").asText()), "a lease from its sending");
    }

    @Test
    void anHttpsAlertmanagerIsVerifiedAgainstItsCaCertificate() {
        assumeTrue("https".equals(node.url().getScheme()), "the shared node serves https with a CA of its own");
        TestingConfig config = config("am-tls", "web-am-tls", base(), List.of(node.url().toString()));
        TestingConfig.Result untrusted = config.run("validate", "--connect");
        assertEquals(1, untrusted.exit(), untrusted.out() + untrusted.err());
        assertTrue(untrusted.out().contains(node.url().getAuthority() + " cannot be reached: SSLHandshakeException"), untrusted.out());

        ((ObjectNode) config.credentials.at("/media/am")).put("ca_certificate", node.caCertificate().toString());
        config.writeCredentials();
        TestingConfig.Result trusted = config.run("validate", "--connect");
        assertEquals(0, trusted.exit(), trusted.out() + trusted.err());
        assertTrue(trusted.out().contains("TLS to " + node.url().getAuthority()), trusted.out());
    }

    @Test
    void aLeaseNotLongerThanTheThrottlePeriodIsWarnedOf() {
        TestingConfig config = config("am-lease", "web-am-lease", base(), List.of(alertmanager.url().toString()));
        ((ObjectNode) config.credentials.at("/media/am")).put("lease", "1h");
        config.writeCredentials();
        TestingConfig.Result result = config.run("validate");
        assertEquals(0, result.exit(), result.out() + result.err());
        assertTrue((result.out() + result.err()).contains("alert \"web_errors\": its throttle_period (60 min) is not shorter than"
                + " the lease of medium \"am\" (60 min), so Alertmanager would end its alerts while they still fire; give \"am\""
                + " a \"lease\" longer than the throttle period"), result.out() + result.err());
    }

    @Test
    void theDocsExampleValidates() throws Exception {
        Matcher example = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "docs", "alertmanager.md")));
        assertTrue(example.find(), "docs/alertmanager.md has a credentials.json example");
        TestingConfig config = config("am-docs", "web-am-docs", base(), List.of(alertmanager.url().toString()));
        ObjectNode credentials = (ObjectNode) JSON.readTree(example.group(1));
        credentials.set("elasticsearch", config.credentials.get("elasticsearch"));
        config.write("credentials.json", credentials.toString());

        TestingConfig.Result result = config.run(Map.of("AM_PASSWORD", PASSWORD, "AM_SECOPS_TOKEN", "t0ken-of-secops"), "validate");
        assertEquals(0, result.exit(), result.out() + result.err());
        assertTrue(result.out().contains("am-secops"), result.out());
    }

    @Test
    void anAlertmanagerThatEchoesTheRequestAndItsPasswordInItsErrorLeaksNoSecret() throws Exception {
        try (RecordingHttpServer echo = RecordingHttpServer.start()) {
            String basic = "Basic " + Base64.getEncoder().encodeToString(("alertas:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            echo.respondByDefault(400, request -> JSON.createObjectNode().textNode("bad alert from "
                    + request.header("Authorization") + " (" + new String(Base64.getDecoder().decode(
                    request.header("Authorization").substring(6)), StandardCharsets.UTF_8) + ")").toString());
            Instant base = base();
            TestingConfig config = config("am-echo", "web-am-echo", base, List.of(echo.url("/").toString()));

            TestingConfig.Result run = config.run("run", "--now", base.plusSeconds(60).toString());
            assertEquals(1, run.exit(), run.out() + run.err());
            assertEquals(basic, echo.requests().get(0).header("Authorization"));
            assertTrue(run.err().contains("answered 400 (bad alert from Basic "), run.err());
            for (String text : List.of(run.out(), run.err(), config.read("alerts.log"), config.read("throttle_period.json"))) {
                assertFalse(text.contains(PASSWORD), text);
                assertFalse(text.contains(basic.substring(6)), text);
            }
        }
    }
}
