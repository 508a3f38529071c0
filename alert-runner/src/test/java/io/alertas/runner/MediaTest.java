package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webhook, Teams, PagerDuty and Opsgenie media against local receivers that answer as the providers do
 * (2xx, 401 with the provider's error shape, 429 with Retry-After, 5xx); named media, routing and templates.
 * Each medium's secret (a URL path, a routing key, an API key) never shows in any output.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class MediaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = OperatingTest.T0;
    private static final String SECRET = "a1b2c3d4e5f6secret0token9";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private RecordingHttpServer receiver;
    private ElasticsearchNode node;
    @TempDir
    Path dir;

    /** A medium of {@code type} named "pager" in the "media" section, pointing at the receiver, its secret inside. */
    private ObjectNode medium(String type) {
        ObjectNode medium = JSON.createObjectNode().put("type", type);
        switch (type) {
            case "webhook" -> {
                medium.put("url", receiver.url("/hooks/" + SECRET).toString());
                medium.putObject("headers").put("Authorization", "Bearer " + SECRET);
            }
            case "teams" -> medium.put("webhook_url", receiver.url("/workflows/" + SECRET).toString());
            case "pagerduty" -> medium.put("routing_key", SECRET).put("url", receiver.url("/v2/enqueue").toString());
            case "opsgenie" -> medium.put("api_key", SECRET).put("url", receiver.url("/").toString());
            default -> medium.put("webhook_url", receiver.url("/services/" + SECRET).toString());
        }
        return medium;
    }

    private TestingConfig config(String index, ObjectNode media, String alertSettings) {
        return config(dir, node, index, media, alertSettings);
    }

    /** A config in {@code dir} whose only media are {@code media} and whose only alert is web_errors on {@code index}. */
    static TestingConfig config(Path dir, ElasticsearchNode node, String index, ObjectNode media, String alertSettings) {
        TestingConfig config = new TestingConfig(dir, node, URI.create("http://127.0.0.1:9/unused"), 25);
        config.credentials.remove(List.of("slack", "email"));
        config.credentials.set("media", media);
        config.writeCredentials();
        config.alerts(Map.of());
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors(index, alertSettings)
                .replace("\"media\": [\"slack\"],", ""));
        config.clock(T0);
        return config;
    }

    /** What the provider answers to a wrong key, in its own shape. */
    private static String unauthorized(String type) {
        return switch (type) {
            case "pagerduty" -> "{\"status\": \"unauthorized\", \"message\": \"Routing key is not authorized\","
                    + " \"errors\": [\"no integration has this routing key\"]}";
            case "opsgenie" -> "{\"message\": \"Could not authenticate\", \"took\": 0.002,"
                    + " \"requestId\": \"8f6c1a2e-1111-2222-3333-444455556666\"}";
            default -> "Unauthorized";
        };
    }

    private static int accepted(String type) {
        return type.equals("pagerduty") || type.equals("opsgenie") || type.equals("teams") ? 202 : 200;
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook", "teams", "pagerduty", "opsgenie"})
    void eachMediumDeliversRetriesKeepsAndResolvesAsItsProviderAsksAndNeverShowsItsSecret(String type) throws Exception {
        String index = "media-" + type;
        OperatingTest.seed(node, index, "web-1", 10, "web-2", 70);
        ObjectNode media = JSON.createObjectNode();
        media.set("pager", medium(type));
        TestingConfig config = config(index, media, "\"resolve_after\": 2");

        // a 503, then a 429 asking for a second, then accepted: three attempts of one pass
        receiver.respond(503, "unavailable");
        receiver.respond(429, "slow down", Map.of("Retry-After", "1"));
        receiver.respond(accepted(type), "{}");
        TestingConfig.Result first = config.run("run", "--now", at(60));
        assertEquals(0, first.exit(), first.out() + first.err());
        assertEquals(3, receiver.requests().size());
        assertPayload(type, receiver.requests().get(2), "web-1", false);

        // a wrong key, said with the provider's error: said once, kept, sent on the next pass once it is right
        receiver.respond(401, unauthorized(type));
        TestingConfig.Result refused = config.run("run", "--now", at(120));
        assertEquals(1, refused.exit());
        String reason = switch (type) {
            case "pagerduty" -> "PagerDuty answered 401 (Routing key is not authorized: no integration has this routing key)";
            case "opsgenie" -> "Opsgenie answered 401 (Could not authenticate)";
            case "teams" -> "Teams answered 401 (Unauthorized)";
            default -> "webhook answered 401 (Unauthorized)";
        };
        assertTrue(refused.err().contains(reason), refused.err());
        assertEquals(4, receiver.requests().size(), "a wrong key is not retried within the pass");

        TestingConfig.Result kept = config.run("run", "--now", at(180));
        assertEquals(0, kept.exit(), kept.out() + kept.err());
        List<RecordingHttpServer.Request> requests = receiver.requests();
        assertPayload(type, requests.get(4), "web-2", false);

        // web-1 quiet since the first window: resolved after two quiet windows (at 120 and 180)
        assertEquals(6, requests.size(), "the kept web-2 and web-1's resolution");
        assertPayload(type, requests.get(5), "web-1", true);

        for (TestingConfig.Result run : List.of(first, refused, kept)) {
            assertFalse((run.out() + run.err()).contains(SECRET), run.out() + run.err());
        }
        assertFalse(config.read("alerts.log").contains(SECRET));
        assertFalse(config.read("throttle_period.json").contains(SECRET));
    }

    /** The request is the provider's payload for {@code key}, fired or resolved. */
    private static void assertPayload(String type, RecordingHttpServer.Request request, String key, boolean resolved)
            throws IOException {
        JsonNode body = JSON.readTree(request.body());
        switch (type) {
            case "webhook" -> {
                assertEquals("Bearer " + SECRET, request.header("Authorization"));
                assertEquals("web_errors", body.path("alert").asText());
                assertEquals(resolved, body.path("resolved").asBoolean());
                assertEquals(key, body.at("/findings/0/key").asText(), body.toString());
            }
            case "teams" -> {
                assertEquals("message", body.path("type").asText());
                JsonNode card = body.at("/attachments/0");
                assertEquals("application/vnd.microsoft.card.adaptive", card.path("contentType").asText());
                assertEquals("AdaptiveCard", card.at("/content/type").asText());
                assertEquals(resolved ? "[RESOLVED] web_errors (1 finding)" : "[CRITICAL] web_errors (1 finding)",
                        card.at("/content/body/0/text").asText());
                assertEquals(key, card.at("/content/body/2/facts/0/title").asText(), body.toString());
            }
            case "pagerduty" -> {
                assertEquals("/v2/enqueue", request.path());
                assertEquals(SECRET, body.path("routing_key").asText());
                assertEquals(resolved ? "resolve" : "trigger", body.path("event_action").asText());
                assertEquals("web_errors/" + key, body.path("dedup_key").asText());
                if (!resolved) {
                    assertEquals("critical", body.at("/payload/severity").asText());
                    assertTrue(body.at("/payload/summary").asText().startsWith("[CRITICAL] web_errors (1 finding): " + key
                            + ": 1 errors"), body.toString());
                    assertTrue(body.at("/payload/timestamp").asText().startsWith("2026-06-01T10:0"), body.toString());
                }
            }
            case "opsgenie" -> {
                assertEquals("GenieKey " + SECRET, request.header("Authorization"));
                if (resolved) {
                    assertEquals("/v2/alerts/web_errors%2F" + key + "/close?identifierType=alias", request.target());
                    assertEquals("alertas", body.path("source").asText());
                } else {
                    assertEquals("/v2/alerts", request.path());
                    assertEquals("web_errors/" + key, body.path("alias").asText());
                    assertEquals("P1", body.path("priority").asText());
                    assertEquals("[CRITICAL] web_errors (1 finding): " + key, body.path("message").asText());
                }
            }
            default -> throw new AssertionError(type);
        }
    }

    @Test
    void routesSendEveryCriticalToThePagerAndEverythingToTheInfraChannel() throws Exception {
        String index = "media-routes";
        OperatingTest.seed(node, index, "web-1", 10);
        try (RecordingHttpServer infra = RecordingHttpServer.start()) {
            ObjectNode media = JSON.createObjectNode();
            media.set("pager", medium("pagerduty"));
            media.putObject("infra").put("type", "slack").put("webhook_url", infra.url("/services/infra").toString());
            TestingConfig config = config(index, media, "");
            config.write("alerts.d/web_warnings.json", OperatingTest.webErrors(index, "")
                    .replace("\"media\": [\"slack\"],", "").replace("\"critical\"", "\"warning\""));
            routes(config, "[{\"severity\": \"critical\", \"media\": \"pager\"}, {\"media\": [\"infra\"]}]");

            TestingConfig.Result run = config.run("run", "--now", at(60));

            assertEquals(0, run.exit(), run.out() + run.err());
            assertEquals(1, receiver.requests().size(), "only the critical alert pages");
            assertEquals("web_errors/web-1", JSON.readTree(receiver.requests().get(0).body()).path("dedup_key").asText());
            List<String> channel = infra.requests().stream().map(r -> text(r.body())).sorted().toList();
            assertEquals(List.of("[CRITICAL] web_errors (1 finding): Errors on 1 hosts: web-1",
                    "[WARNING] web_warnings (1 finding): Errors on 1 hosts: web-1"), channel);
            TestingConfig.Result list = config.run("list");
            assertTrue(list.out().lines().anyMatch(l -> l.matches("web_errors .* pager,infra .*")), list.out());
            assertTrue(list.out().lines().anyMatch(l -> l.matches("web_warnings .* infra .*")), list.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"slack", "webhook", "teams", "pagerduty", "opsgenie"})
    void anAlertsTemplateGivesTheTitleAndBodyOnItsMedium(String type) throws Exception {
        String index = "media-template-" + type;
        OperatingTest.seed(node, index, "web-1", 10, "web-1", 20);
        ObjectNode media = JSON.createObjectNode();
        media.set("pager", medium(type));
        TestingConfig config = config(index, media, """
                "templates": {"pager": {
                    "title": "{{alert}} is {{severity}} on {{findings_count}} host(s)",
                    "body": "{{#findings}}{{key}} says {{text}}; {{/findings}}window ends {{window.end}}"}}""");
        receiver.respond(accepted(type), "{}");

        TestingConfig.Result run = config.run("run", "--now", at(60));

        assertEquals(0, run.exit(), run.out() + run.err());
        String title = "web_errors is critical on 1 host(s)";
        String body = "web-1 says 2 errors; window ends 2026-06-01T10:01:00Z";
        JsonNode sent = JSON.readTree(receiver.requests().get(0).body());
        switch (type) {
            case "slack" -> assertEquals(title + ": " + body, sent.path("text").asText());
            case "webhook" -> {
                assertEquals(title, sent.path("title").asText());
                assertEquals(body, sent.path("message").asText());
            }
            case "teams" -> {
                assertEquals(title, sent.at("/attachments/0/content/body/0/text").asText());
                assertEquals(body, sent.at("/attachments/0/content/body/1/text").asText());
            }
            case "pagerduty" -> {
                assertEquals(title + ": web-1: 2 errors", sent.at("/payload/summary").asText());
                assertEquals(body, sent.at("/payload/custom_details/message").asText());
            }
            default -> {
                assertEquals(title + ": web-1", sent.path("message").asText());
                assertTrue(sent.path("description").asText().startsWith(body), sent.toString());
            }
        }
    }

    @Test
    void anAlertsTemplateGivesTheSubjectAndBodyOfItsEmail() throws Exception {
        String index = "media-template-email";
        OperatingTest.seed(node, index, "web-1", 10);
        ObjectNode media = JSON.createObjectNode();
        ObjectNode email = media.putObject("pager").put("type", "email").put("from", "alertas@example.com")
                .put("to", "oncall@example.com");
        email.putObject("smtp").put("host", "127.0.0.1").put("port", SMTP.getSmtp().getPort()).put("security", "none");
        TestingConfig config = config(index, media, """
                "templates": {"pager": {"title": "{{alert}}: {{findings_count}} host <b>down</b>",
                                        "body": "first: {{#findings}}{{key}}{{/findings}}"}}""");

        TestingConfig.Result run = config.run("run", "--now", at(60));

        assertEquals(0, run.exit(), run.out() + run.err());
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertEquals("[Alertas] web_errors: 1 host <b>down</b>", mail.getSubject());
        String html = GreenMailUtil.getBody(mail);
        assertTrue(html.contains("first: web-1"), html);
        assertTrue(html.contains("web_errors: 1 host &lt;b&gt;down&lt;/b&gt;"), "the mail escapes what a template says: " + html);
    }

    @Test
    void aBadTemplateAndAWrongNamedMediumAreConfigurationErrorsAtTheirPlace() throws IOException {
        ObjectNode media = JSON.createObjectNode();
        media.set("pager", medium("pagerduty"));
        media.putObject("chat").put("type", "hipchat");
        TestingConfig config = config("media-bad", media, """
                "templates": {"pager": {"title": "{{#findings}}{{key}}"}, "chat": {"body": "x"}}""");
        routes(config, "[{\"severity\": \"urgent\", \"media\": \"pager\"}]");

        TestingConfig.Result validate = config.run("validate");

        assertEquals(2, validate.exit());
        assertTrue(validate.err().contains("credentials.json:") && validate.err().contains("medium \"chat\" needs a"
                + " \"type\": one of slack, email, webhook, teams, pagerduty, opsgenie, alertmanager"), validate.err());
        assertTrue(validate.err().lines().anyMatch(l -> l.matches("alerts\\.d/web_errors\\.json:\\d+:\\d+: alert"
                + " \"web_errors\": \"title\" is not a valid template: .*")), validate.err());
        assertTrue(validate.err().lines().anyMatch(l -> l.matches("alerts\\.json:1:\\d+: \"severity\" must be one of.*")),
                validate.err());
        assertFalse(validate.err().contains(SECRET), validate.err());
    }

    @Test
    void aTemplateThatIncludesAFileIsRefusedAtItsPlaceAndNothingIsSent() throws IOException {
        ObjectNode media = JSON.createObjectNode();
        media.set("pager", medium("slack"));
        TestingConfig config = config("media-partial", media, """
                "templates": {"pager": {"body": "ENV={{> /proc/self/environ}} CREDS={{>credentials.json}}"}}""");

        for (List<String> command : List.of(List.of("validate"), List.of("run", "--now", at(60)))) {
            TestingConfig.Result result = config.run(command.toArray(String[]::new));
            assertEquals(2, result.exit(), result.out() + result.err());
            assertTrue(result.err().lines().anyMatch(l -> l.matches("alerts\\.d/web_errors\\.json:\\d+:\\d+: alert"
                    + " \"web_errors\": \"body\" is not a valid template: uses \\{\\{>}}, which a template may not: .*"
                    + "a template cannot include files or other templates at line 1")), result.err());
            assertFalse(result.err().contains("Exception"), result.err());
        }
        assertEquals(0, receiver.requests().size());
    }

    @Test
    void aTemplateWhoseRenderingIsTooLargeSendsTheAlertWithoutItAndTheMediumStaysUp() throws Exception {
        String index = "media-template-budget";
        OperatingTest.seed(node, index, "web-1", 10, "web-2", 20, "web-3", 30, "web-4", 40, "web-5", 50);
        ObjectNode media = JSON.createObjectNode();
        media.set("pager", medium("slack"));
        String four = "{{#findings}}".repeat(4) + "{{message}} ".repeat(40) + "{{/findings}}".repeat(4);
        TestingConfig config = config(index, media, "\"templates\": {\"pager\": {\"body\": \"" + four.repeat(4) + "\"}}");
        receiver.respond(200, "ok");

        TestingConfig.Result run = config.run("run", "--now", at(60));

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(1, receiver.requests().size());
        String sent = text(receiver.requests().get(0).body());
        assertTrue(sent.contains("Errors on 5 hosts"), "the alert's own message goes out: " + sent);
        String log = config.read("alerts.log");
        assertTrue(log.contains("alert \"web_errors\": its body template renders more than 1048576 characters; sent without it"),
                log);
    }

    private static String text(String slackBody) {
        try {
            return JSON.readTree(slackBody).path("text").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String at(long seconds) {
        return T0.plusSeconds(seconds).toString();
    }

    /** Puts {@code routes} first in alerts.json, beside the built-in alerts switched off. */
    private static void routes(TestingConfig config, String routes) throws IOException {
        config.write("alerts.json", "{\"routes\": " + routes + ",\n" + config.read("alerts.json").strip().substring(1));
    }
}
