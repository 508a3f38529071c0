package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The secrets sweep: a receiver for each HTTP medium (Slack, a webhook with a bearer header, Teams, Opsgenie,
 * PagerDuty) that refuses every request (401, 400, 500) quoting in its error what it was sent, its path and
 * query, its headers, its body, raw, URL-encoded, in hex or in base64 (also from an offset that puts a secret off
 * the alignment of its own encoding), as a proxy or a chatty receiver does. No secret, nor its URL-encoded, hex or
 * base64 form (at any alignment), may reach stdout, stderr, alerts.log, the state and its journal, {@code status}, {@code status --json}, the status page or the metrics file; nor, through a template or a
 * finding, what a medium sends; nor the state (its file and journal, or its index) through a notification waiting
 * for a receiver that is down, a finding's key, or a query error of a gateway that quotes the cluster's credentials.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class SecretsSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLACK_TOKEN = "slackSweepTok3n9f2e";
    private static final String HOOK_PATH = "hookPath7c1e9d";
    private static final String HOOK_QUERY = "qTok3n5b8a22";
    private static final String BEARER = "acc3-hook-bearer-Zx81q";
    private static final String API_KEY_HEADER = "xkey-4711-sweep";
    private static final String TEAMS_WORKFLOW = "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5";
    private static final String TEAMS_SIG = "Sig-Zk3Lq9Wm2Xp8Rt5Yv1Nb4Hc7Jd0Ff6Gg3";
    private static final String GENIE_KEY = "genie-6f1e2d3c-4b5a-9988";
    private static final String ROUTING_KEY = "R0utingKey5a6b7c8d9e0f1a2b3c4d5e";
    private static final List<String> SECRETS = List.of(SLACK_TOKEN, HOOK_PATH, HOOK_QUERY, BEARER, API_KEY_HEADER,
            TEAMS_WORKFLOW, TEAMS_SIG, GENIE_KEY, ROUTING_KEY);
    private static final Map<String, String> ENVIRONMENT = Map.of("HOOK_AUTH", "Bearer " + BEARER, "GENIE_KEY", GENIE_KEY);

    /** What a receiver may quote back of the request it refuses. */
    private static final List<Function<RecordingHttpServer.Request, String>> ECHOES = List.of(
            r -> "denied " + r.target(),
            r -> "invalid credentials: " + r.header("Authorization") + " " + r.header("X-Api-Key"),
            r -> "not found: " + URLDecoder.decode(r.target(), StandardCharsets.UTF_8),
            r -> "bad token " + base64(r.header("Authorization") == null ? r.target() : r.header("Authorization")),
            r -> "rejected " + URLEncoder.encode(r.target(), StandardCharsets.UTF_8) + ", digest mismatch "
                    + HexFormat.of().formatHex(utf8(r.body())) + " " + HexFormat.of().withUpperCase().formatHex(utf8(r.body())),
            r -> "invalid request: " + r.body() + "; cannot parse body "
                    + Base64.getEncoder().encodeToString(Arrays.copyOf(utf8(r.body()), Math.min(120, utf8(r.body()).length)))
                    + " nor " + Base64.getUrlEncoder().encodeToString(utf8("\n" + r.body())));

    private RecordingHttpServer receiver;
    private ElasticsearchNode node;
    @TempDir
    Path dir;
    private final List<String> printed = new ArrayList<>();

    private TestingConfig config(String index, String alertSettings) {
        TestingConfig config = new TestingConfig(dir, node, receiver.url("/unused"), 25);
        config.credentials.remove(List.of("slack", "email"));
        ObjectNode media = config.credentials.putObject("media");
        media.putObject("chat").put("type", "slack").put("webhook_url",
                receiver.url("/services/T0SWEEP/B0SWEEP/" + SLACK_TOKEN).toString());
        media.putObject("hook").put("type", "webhook").put("url", receiver.url("/hooks/" + HOOK_PATH + "?token=" + HOOK_QUERY)
                .toString()).putObject("headers").put("Authorization", "${HOOK_AUTH}").put("X-Api-Key", API_KEY_HEADER);
        media.putObject("room").put("type", "teams").put("webhook_url", receiver.url("/workflows/" + TEAMS_WORKFLOW
                + "/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + TEAMS_SIG)
                .toString());
        media.putObject("genie").put("type", "opsgenie").put("api_key", "${GENIE_KEY}").put("url", receiver.url("/").toString());
        media.putObject("pager").put("type", "pagerduty").put("routing_key", ROUTING_KEY)
                .put("url", receiver.url("/v2/enqueue").toString());
        config.credentials.putObject("monitoring").put("metrics_file", "alertas.prom").put("status_page", "status.html");
        config.writeCredentials();
        config.alerts(Map.of());
        config.write("alerts.d/web_errors.json", OperatingTest.webErrors(index, alertSettings)
                .replace("\"media\": [\"slack\"],", ""));
        config.clock(OperatingTest.T0);
        return config;
    }

    private TestingConfig.Result run(TestingConfig config, String... args) {
        TestingConfig.Result result = config.run(ENVIRONMENT, args);
        printed.add(result.out());
        printed.add(result.err());
        return result;
    }

    /** The receiver's refusal quoting {@code quote}, in the shape of the provider the request went to. */
    private static String refusal(RecordingHttpServer.Request request, String quote) {
        if (request.path().startsWith("/v2/enqueue")) {
            return JSON.createObjectNode().put("status", "invalid event").put("message", quote)
                    .set("errors", JSON.createArrayNode().add(quote)).toString();
        }
        if (request.path().startsWith("/v2/alerts")) {
            return JSON.createObjectNode().put("message", quote).put("took", 0.002).toString();
        }
        return quote.length() > 200 ? quote.substring(quote.length() - 200) : quote;
    }

    @Test
    void aReceiverThatQuotesTheRequestInItsErrorNeverPutsASecretInAnyOutput() throws Exception {
        String index = "sweep-echo";
        OperatingTest.seed(node, index, "web-1", 10, "web-2", 70);
        TestingConfig config = config(index, "");
        int[] statuses = {400, 401, 500};

        for (int pass = 0; pass < ECHOES.size(); pass++) {
            receiver.reset();
            Function<RecordingHttpServer.Request, String> echo = ECHOES.get(pass);
            for (int i = 0; i < 40; i++) {
                receiver.respond(statuses[pass % statuses.length], r -> refusal(r, echo.apply(r)));
            }
            TestingConfig.Result result = run(config, "run", "--now", OperatingTest.T0.plusSeconds(60L * (pass + 1)).toString());
            assertEquals(1, result.exit(), result.out() + result.err());
            assertFalse(receiver.requests().isEmpty());
        }
        String err = String.join("\n", printed);
        assertEquals(0, run(config, "status").exit());
        assertEquals(0, run(config, "status", "--json").exit());
        String json = printed.get(printed.size() - 2);
        for (String file : List.of("alerts.log", "throttle_period.json", "throttle_period.json.journal", "status.html", "alertas.prom")) {
            Path written = config.dir.resolve(file);
            if (Files.exists(written)) {
                printed.add(Files.readString(written));
            }
        }
        assertTrue(Files.exists(config.dir.resolve("status.html")) && Files.exists(config.dir.resolve("alertas.prom")));
        assertNoSecret(printed);

        for (String provider : List.of("Slack", "webhook", "Teams", "PagerDuty", "Opsgenie")) {
            assertTrue(err.lines().anyMatch(l -> l.contains(provider + " answered") && l.contains("[secret]")),
                    provider + "'s quoting answer is said, masked: " + err);
        }
        assertTrue(err.contains("webhook answered 401 (invalid credentials: [secret] [secret])"), err);
        assertTrue(json.contains("[secret]"), "the state's last error, masked, shows in status --json: " + json);
    }

    @Test
    void aSecretThatIsAWordOfTheOutputsStructureLeavesStatusJsonTheMetricsAndThePageReadable() throws Exception {
        String index = "sweep-words";
        OperatingTest.seed(node, index, "web-1", 10, "web-2", 70);
        TestingConfig config = config(index, "");
        ((ObjectNode) config.credentials.path("media").path("hook").path("headers")).put("X-Api-Key", "null")
                .put("X-Tenant", "alertas").put("X-Realm", "viewport");
        config.writeCredentials();

        run(config, "run", "--now", OperatingTest.T0.plusSeconds(60).toString());
        TestingConfig.Result status = run(config, "status", "--json");

        assertEquals(0, status.exit(), status.err());
        JsonNode alerts = JSON.readTree(status.out()).path("alerts");
        assertTrue(StreamSupport.stream(alerts.spliterator(), false).anyMatch(a -> a.path("alert").asText().equals("web_errors")
                && a.path("last_run").isTextual() && a.path("last_failure").isNull()), status.out());
        Map<String, Double> metrics = OperatingTest.prometheus(config.dir.resolve("alertas.prom"));
        assertTrue(metrics.containsKey("alertas_last_pass_succeeded") && metrics.containsKey("alertas_last_pass_alerts{outcome=fired}"),
                "every series survives a secret that is a word of their names: " + metrics);
        assertTrue(Files.readString(config.dir.resolve("status.html")).contains("<meta name=\"viewport\""),
                "the page's markup survives a secret that is a word of it");
    }

    @Test
    void aTemplateOrAFindingThatQuotesASecretReachesTheMediumMasked() throws Exception {
        String index = "sweep-template";
        String hook = receiver.url("/hooks/" + HOOK_PATH + "?token=" + HOOK_QUERY).toString();
        OperatingTest.seed(node, index, "leak " + SLACK_TOKEN, 10);
        TestingConfig config = config(index, "\"templates\": {\"chat\": {\"title\": \"see " + hook + "\","
                + " \"body\": \"{{#findings}}{{key}}{{/findings}} via " + hook + "\"}}");

        TestingConfig.Result result = run(config, "run", "--now", OperatingTest.T0.plusSeconds(60).toString());

        assertEquals(0, result.exit(), result.out() + result.err());
        List<String> sent = receiver.requests().stream().map(RecordingHttpServer.Request::body).toList();
        assertEquals(5, sent.size(), "one request to each medium");
        String slack = receiver.requests().stream().filter(r -> r.path().startsWith("/services/")).findFirst().orElseThrow().body();
        assertTrue(slack.contains("leak [secret:") && slack.contains("] via [secret]"), slack);
        List<String> texts = new ArrayList<>(printed);
        receiver.requests().stream().filter(r -> !r.path().startsWith("/v2/enqueue")).forEach(r -> texts.add(r.body()));
        assertNoSecret(texts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "elasticsearch"})
    void theStateKeepsNoSecretOfAWaitingNotificationAKeyOrAQueryErrorAndTheThrottleStillHolds(String store) throws Exception {
        String index = "sweep-state-" + store;
        String stateIndex = "alertas-state-sweep";
        String hook = receiver.url("/hooks/" + HOOK_PATH + "?token=" + HOOK_QUERY).toString();
        OperatingTest.seed(node, index, "leak " + SLACK_TOKEN, 10);
        TestingConfig config = config(index, "\"templates\": {\"chat\": {\"title\": \"see " + hook + "\","
                + " \"body\": \"{{#findings}}{{key}}{{/findings}} via " + hook + "\"}}");
        config.write("alerts.d/gateway_errors.json", OperatingTest.webErrors("gateway-marker", "")
                .replace("\"media\": [\"slack\"],", ""));
        node.deleteIndices(stateIndex);
        try (TestingSlowProxy gateway = TestingSlowProxy.echoing(node, "gateway-marker")) {
            config.credentials.with("elasticsearch").put("url", gateway.url().toString()).put("allow_http_credentials", true);
            config.credentials.putObject("state").put("store", store).put("index", stateIndex);
            config.writeCredentials();
            for (int i = 0; i < 40; i++) {
                receiver.respond(503, r -> "unavailable: " + r.header("Authorization") + " " + r.header("X-Api-Key") + " "
                        + r.target() + " " + r.body());
            }

            TestingConfig.Result down = run(config, "run", "--now", OperatingTest.T0.plusSeconds(60).toString());
            assertEquals(1, down.exit(), down.err());
            String kept = state(config, store, stateIndex);
            assertTrue(kept.contains("leak [secret:") && kept.contains("security_exception"),
                    "the waiting notification, its key and the query error are kept, masked: " + kept + down.err());
            assertNoSecret(List.of(kept));

            receiver.reset();
            assertEquals(1, run(config, "run", "--now", OperatingTest.T0.plusSeconds(120).toString()).exit());
            assertEquals(List.of("/hooks/", "/services/", "/v2/alerts", "/v2/enqueue", "/workflows/"), receiver.requests()
                    .stream().map(r -> r.path().startsWith("/v2/") ? r.path() : r.path().substring(0, r.path().indexOf('/', 1) + 1))
                    .sorted().toList(), "the receiver back, each medium gets the waiting notification once");
            OperatingTest.seed(node, index, "leak " + SLACK_TOKEN, 130);
            receiver.reset();
            assertEquals(1, run(config, "run", "--now", OperatingTest.T0.plusSeconds(180).toString()).exit());
            assertEquals(List.of(), receiver.requests(), "the key fired again within its throttle period");
            assertNoSecret(List.of(state(config, store, stateIndex)));
        }
    }

    /** What the state holds: throttle_period.json and its journal, or every document of the state index. */
    private String state(TestingConfig config, String store, String stateIndex) throws Exception {
        if (store.equals("elasticsearch")) {
            node.request("POST", "/" + stateIndex + "/_refresh", null);
            return node.request("POST", "/" + stateIndex + "/_search", JSON.readTree("{\"size\": 1000}")).toString();
        }
        StringBuilder kept = new StringBuilder();
        for (String file : List.of("throttle_period.json", "throttle_period.json.journal")) {
            if (Files.exists(config.dir.resolve(file))) {
                kept.append(Files.readString(config.dir.resolve(file)));
            }
        }
        return kept.toString();
    }

    private void assertNoSecret(List<String> texts) {
        String user = node.credentials().path("username").asText();
        String password = node.credentials().path("password").asText();
        for (String text : texts) {
            for (String shape : List.of(password, base64(user + ":" + password))) {
                assertFalse(text.contains(shape), "the cluster's password as " + shape + " was printed, written or sent: " + text);
            }
        }
        assertNoMediumSecret(texts);
    }

    private static void assertNoMediumSecret(List<String> texts) {
        for (String text : texts) {
            for (String decoded : decodedBase64(text)) {
                for (String secret : SECRETS) {
                    assertFalse(decoded.contains(secret), "a secret (" + secret + ") in base64 was printed, written or sent: " + text);
                }
            }
            for (String secret : SECRETS) {
                for (String shape : List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8), base64(secret),
                        base64("Bearer " + secret), base64("GenieKey " + secret), HexFormat.of().formatHex(utf8(secret)),
                        HexFormat.of().withUpperCase().formatHex(utf8(secret)))) {
                    assertFalse(text.contains(shape), "a secret (" + secret + ") as " + shape + " was printed, written or sent: " + text);
                }
            }
        }
    }

    /**
     * What each run of base64 characters in {@code text} decodes to, read from each of its first four characters, in
     * either alphabet: a secret quoted anywhere inside a larger encoded text shows in one of them.
     */
    private static List<String> decodedBase64(String text) {
        List<String> decoded = new ArrayList<>();
        Matcher run = Pattern.compile("[A-Za-z0-9+/_-]{8,}").matcher(text);
        while (run.find()) {
            String standard = run.group().replace('-', '+').replace('_', '/');
            for (int from = 0; from < 4; from++) {
                String part = standard.substring(from);
                byte[] bytes = Base64.getDecoder().decode(part.substring(0, part.length() - part.length() % 4));
                decoded.add(new String(bytes, StandardCharsets.ISO_8859_1));
            }
        }
        return decoded;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
