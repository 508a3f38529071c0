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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Operating the runner against a real Elasticsearch: silences (on both stores, by two runners, ending by
 * themselves), resolved notifications, fire_after, status, the metrics file read by Prometheus's own parser,
 * the status page rendered by headless Chromium, and the dead-man URL.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class OperatingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private RecordingHttpServer slack;
    private ElasticsearchNode node;
    @TempDir
    Path dir;

    /** An alert that fires per host with errors in its window; {@code extra} adds settings such as resolve_after. */
    static String webErrors(String index, String extra) {
        return """
                {
                  "index": "%s",
                  "severity": "critical",
                  "throttle_period": "1h",
                  "query_delay": "0s",
                  "media": ["slack"],%s
                  "query": {
                    "size": 0,
                    "query": {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}},
                    "aggs": {"hosts": {"terms": {"field": "host.name", "size": 50}}}
                  },
                  "condition": {"buckets": "aggregations.hosts.buckets", "path": "doc_count", "op": "gte", "value": 1},
                  "summary": "Errors on {{count}} hosts",
                  "message": "{{doc_count}} errors"
                }
                """.formatted(index, extra.isEmpty() ? "" : "\n  " + extra + ",");
    }

    /** A fresh index of error events, one per (host, seconds after T0). */
    static void seed(ElasticsearchNode node, String index, Object... hostAndSeconds) {
        node.deleteIndices(index);
        ObjectNode mappings = JSON.createObjectNode();
        ObjectNode properties = mappings.putObject("properties");
        properties.putObject("@timestamp").put("type", "date");
        properties.putObject("host").putObject("properties").putObject("name").put("type", "keyword");
        node.createIndex(index, mappings);
        index(node, index, hostAndSeconds);
    }

    /** Adds error events to {@code index}, one per (host, seconds after T0). */
    static void index(ElasticsearchNode node, String index, Object... hostAndSeconds) {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < hostAndSeconds.length; i += 2) {
            ObjectNode event = JSON.createObjectNode().put("@timestamp",
                    T0.plusSeconds(((Number) hostAndSeconds[i + 1]).longValue()).toString());
            event.putObject("host").put("name", (String) hostAndSeconds[i]);
            events.add(event);
        }
        node.index(index, events);
    }

    private TestingConfig config(Path where, String index, String extra) {
        TestingConfig config = new TestingConfig(where, node, slack.url("/hook"), 25);
        config.alerts(Map.of());
        config.write("alerts.d/web_errors.json", webErrors(index, extra));
        config.clock(T0);
        return config;
    }

    private static String at(long seconds) {
        return T0.plusSeconds(seconds).toString();
    }

    private String slackText(int request) throws IOException {
        return JSON.readTree(slack.requests().get(request).body()).path("text").asText();
    }

    @Test
    void aSilenceOfOneKeyIsHonouredByTwoRunnersOnTheElasticsearchStoreAndSaysWhatItMutedWhenItEnds() throws IOException {
        String index = "op-silence";
        seed(node, index, "web-1", 10, "web-1", 70, "web-2", 70, "web-1", 130);
        node.deleteIndices("alertas-state-op-silence");
        TestingConfig a = config(dir.resolve("a"), index, "");
        TestingConfig b = config(dir.resolve("b"), index, "");
        for (TestingConfig runner : List.of(a, b)) {
            runner.credentials.putObject("state").put("store", "elasticsearch").put("index", "alertas-state-op-silence");
            runner.writeCredentials();
        }

        TestingConfig.Result silenced = a.run("silence", "web_errors", "web-1", "--for", "150s", "--reason", "patching web-1");
        assertEquals(0, silenced.exit(), silenced.err());
        Matcher id = Pattern.compile("silenced alert \"web_errors\" \\(key \"web-1\"\\) until 2026-06-01T10:02:30Z; id (\\w+)")
                .matcher(silenced.out());
        assertTrue(id.find(), silenced.out());

        TestingConfig.Result first = a.run("run", "--now", at(60));
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("1 silenced"), first.out());
        assertEquals(0, slack.requests().size(), "runner a sent what the silence mutes");

        TestingConfig.Result second = b.run("run", "--now", at(120));
        assertEquals(0, second.exit(), second.err());
        assertEquals(1, slack.requests().size(), "runner b sends the key the silence does not cover");
        assertEquals("[CRITICAL] web_errors (1 finding): Errors on 2 hosts: web-2", slackText(0));

        TestingConfig.Result list = b.run("silence", "--list");
        assertTrue(list.out().contains(id.group(1) + "  web_errors  key \"web-1\"  until 2026-06-01T10:02:30Z  2 muted"
                + "  (patching web-1)"), list.out());

        TestingConfig.Result ended = a.run("run", "--now", at(180));
        assertEquals(0, ended.exit(), ended.err());
        assertTrue(ended.out().contains("silence " + id.group(1) + " of alert \"web_errors\" (key \"web-1\") ended at"
                + " 2026-06-01T10:02:30Z: 2 firings were muted (patching web-1)"), ended.out());
        assertEquals(2, slack.requests().size(), "once the silence ended, web-1 is told");
        assertEquals("[CRITICAL] web_errors (1 finding): Errors on 1 hosts: web-1", slackText(1));
        assertTrue(b.run("silence", "--list").out().contains("no silence is in force"));
    }

    @Test
    void aWholeAlertSilenceOnTheFileStoreEndsEarlyWithUnsilence() throws IOException {
        String index = "op-unsilence";
        seed(node, index, "web-1", 10, "web-1", 70);
        TestingConfig config = config(dir, index, "");

        TestingConfig.Result silenced = config.run("silence", "web_errors", "--for", "2h");
        Matcher id = Pattern.compile("; id (\\w+)").matcher(silenced.out());
        assertTrue(id.find(), silenced.out());
        assertTrue(silenced.out().contains("(every key) until 2026-06-01T12:00:00Z"), silenced.out());
        passed(config.run("run", "--now", at(60)));
        assertEquals(0, slack.requests().size());

        TestingConfig.Result unsilenced = config.run("unsilence", id.group(1));
        assertEquals("silence " + id.group(1) + " of alert \"web_errors\" (every key) ended: 1 firing was muted",
                unsilenced.out().strip());
        passed(config.run("run", "--now", at(120)));
        assertEquals(1, slack.requests().size());

        TestingConfig.Result again = config.run("unsilence", id.group(1));
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("no silence has the id \"" + id.group(1) + "\""), again.err());
        TestingConfig.Result unknown = config.run("silence", "web_error", "--for", "1h");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no alert is named \"web_error\""), unknown.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "elasticsearch"})
    void aResolvedNotificationGoesOnceAfterTheQuietWindowsAndNotAgainAfterARestart(String store) throws IOException {
        String index = "op-resolved-" + store;
        seed(node, index, "web-1", 10, "web-1", 250);
        TestingConfig config = config(dir, index, "\"resolve_after\": 2");
        node.deleteIndices("alertas-state-op-resolved");
        config.credentials.putObject("state").put("store", store).put("index", "alertas-state-op-resolved");
        config.writeCredentials();

        passed(config.run("run", "--now", at(60)));
        assertEquals(1, slack.requests().size());
        passed(config.run("run", "--now", at(120)));
        assertEquals(1, slack.requests().size(), "one quiet window is not yet resolved");

        passed(config.run("run", "--now", at(180)));
        assertEquals(2, slack.requests().size());
        assertEquals("[RESOLVED] web_errors (1 finding): no longer firing: quiet for 2 windows: web-1", slackText(1));
        assertTrue(slack.requests().get(1).body().contains("last fired at 2026-06-01T10:01:00Z"),
                slack.requests().get(1).body());

        // every run is a new process reading the stored state, as cron's are
        passed(config.run("run", "--now", at(240)));
        assertEquals(2, slack.requests().size(), "resolved is said once");

        passed(config.run("run", "--now", at(300)));
        assertEquals(3, slack.requests().size(), "after its resolution a new firing is told at once, throttle or not");
        assertEquals("[CRITICAL] web_errors (1 finding): Errors on 1 hosts: web-1", slackText(2));
    }

    @Test
    void fireAfterSendsOnlyOnTheThirdWindowInARowAndStartsAgainAfterAQuietOne() {
        String index = "op-delay";
        seed(node, index, "web-1", 10, "web-1", 70, "web-1", 190, "web-1", 250, "web-1", 310);
        TestingConfig config = config(dir, index, "\"fire_after\": 3");

        for (int minute = 1; minute <= 5; minute++) {
            TestingConfig.Result run = config.run("run", "--now", at(60L * minute));
            assertEquals(0, run.exit(), run.err());
            assertEquals(0, slack.requests().size(), "sent after " + minute + " windows");
            if (minute != 3) {
                assertTrue(run.out().contains("1 delayed"), run.out());
            }
        }
        passed(config.run("run", "--now", at(360)));
        assertEquals(1, slack.requests().size(), "the third firing window in a row sends");
    }

    @Test
    void aNegativePassCountInTheStateIsDroppedWithAWarningAndThePassWritesItsMetrics() throws Exception {
        String index = "op-negative-passes";
        seed(node, index, "web-1", 10);
        TestingConfig config = config(dir, index, "");
        config.credentials.putObject("monitoring").put("metrics_file", "alertas.prom");
        config.writeCredentials();
        passed(config.run("run", "--now", at(60)));
        ObjectNode state = (ObjectNode) JSON.readTree(config.read("throttle_period.json"));
        state.path("passes").forEach(pass -> ((ObjectNode) pass).put("passes", -1_000_000));
        config.write("throttle_period.json", state.toString());
        Files.delete(dir.resolve("alertas.prom"));

        TestingConfig.Result next = config.run("run", "--now", at(120));

        assertEquals(0, next.exit(), next.err());
        assertTrue(next.err().contains("cannot be read (\"passes\" is negative); dropped it"), next.err());
        assertEquals(1.0, prometheus(dir.resolve("alertas.prom")).get("alertas_last_pass_succeeded"));
    }

    @Test
    void statusMetricsPageAndDeadManTellAFailingAlertAWaitingDeliveryAndASilence() throws Exception {
        String index = "op-status";
        seed(node, index, "web-1", 10, "web-1", 70);
        TestingConfig config = config(dir, index, "");
        config.write("alerts.d/broken.json", """
                {"index": "%s", "query": {"query": {"no_such_query": {}}},
                 "condition": {"path": "hits.total.value", "op": "gt", "value": 0}, "message": "never"}
                """.formatted(index));
        RecordingHttpServer deadMan = RecordingHttpServer.start();
        String secretPath = "/ping/5f1c9a7e-deadman-token";
        config.credentials.putObject("monitoring").put("metrics_file", "metrics/alertas.prom")
                .put("status_page", "status.html").put("dead_man_url", "${DEADMAN_URL}");
        config.writeCredentials();
        Files.createDirectories(dir.resolve("metrics"));
        for (Path folder : List.of(dir, dir.resolve("metrics"))) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x")); // as node_exporter's folder
        }
        Map<String, String> environment = Map.of("DEADMAN_URL", deadMan.url(secretPath).toString());
        try (deadMan) {
            TestingConfig.Result silenced = config.run(environment, "silence", "web_errors", "web-9", "--for", "2h",
                    "--reason", "rack move");
            assertEquals(0, silenced.exit(), silenced.err());
            for (int i = 0; i < 3; i++) {
                slack.respond(500, "server_error");
            }
            TestingConfig.Result failing = config.run(environment, "run", "--now", at(60));
            assertEquals(1, failing.exit());
            assertEquals(0, deadMan.requests().size(), "a failed pass does not ping the dead-man URL");

            Map<String, Double> metrics = prometheus(dir.resolve("metrics/alertas.prom"));
            assertEquals(1.0, metrics.get("alertas_last_pass_alerts{outcome=failed}"), metrics.toString());
            assertEquals(1.0, metrics.get("alertas_last_pass_alerts{outcome=fired}"), metrics.toString());
            assertEquals(1.0, metrics.get("alertas_last_pass_deliveries{medium=slack,result=failed}"), metrics.toString());
            assertEquals(1.0, metrics.get("alertas_pending_deliveries{medium=slack}"), metrics.toString());
            assertEquals(1.0, metrics.get("alertas_passes_total{result=failed}"), metrics.toString());
            assertEquals(0.0, metrics.get("alertas_last_pass_succeeded"), metrics.toString());
            assertEquals(1.0, metrics.get("alertas_silences"), metrics.toString());
            assertEquals(T0.plusSeconds(60).getEpochSecond(), metrics.get("alertas_last_pass_timestamp_seconds"));
            assertEquals(0.0, metrics.get("alertas_last_success_timestamp_seconds"),
                    "before any pass succeeded the series is there, and time() minus it is past any staleness bound");
            for (String file : List.of("metrics/alertas.prom", "status.html")) {
                assertEquals(config.read(file), exec(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                        "cat", dir.resolve(file).toString())), file + " is readable by node_exporter's or a web server's user");
            }

            String page = chromium(dir.resolve("status.html"));
            Matcher failingAlert = Pattern.compile("<div class=\"alert failing\" id=\"alert-broken\">(.*?)</div>",
                    Pattern.DOTALL).matcher(page);
            assertTrue(failingAlert.find(), page);
            assertTrue(failingAlert.group(1).contains("no_such_query"), failingAlert.group(1));
            assertTrue(page.contains("<li>to slack: 1 attempts since 2026-06-01T10:01:00Z"), page);
            assertTrue(page.contains("key \"web-9\" until 2026-06-01T12:00:00Z"), page);
            assertTrue(page.contains("<p id=\"firings\" class=\"history-off\">The history is off"), page);

            TestingConfig.Result status = config.run(environment, "status");
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("  web_errors to slack: 1 attempts since 2026-06-01T10:01:00Z, last error: "
                    + "Slack answered 500 (server_error)"), status.out());
            assertTrue(status.out().contains("broken at 2026-06-01T10:01:00Z: "), status.out());
            assertTrue(status.out().lines().anyMatch(l -> l.matches("  \\w+  web_errors  key \"web-9\"  until "
                    + "2026-06-01T12:00:00Z  0 muted  \\(rack move\\)")), status.out());

            TestingConfig.Result delivered = config.run(environment, "run", "--now", at(120));
            assertEquals(1, delivered.exit(), "broken still fails");
            JsonNode json = JSON.readTree(config.run(environment, "status", "--json").out());
            JsonNode webErrors = alert(json, "web_errors");
            assertEquals("web-1", webErrors.at("/throttled/0/key").asText());
            assertEquals("2026-06-01T11:02:00Z", webErrors.at("/throttled/0/until").asText());
            assertEquals(0, webErrors.path("pending").size());
            assertEquals("2026-06-01T10:02:00Z", webErrors.path("last_fired").asText());
            assertTrue(alert(json, "broken").path("failing").asBoolean());
            assertEquals(2, json.at("/passes/0/passes").asInt());

            config.write("alerts.d/broken.json", config.read("alerts.d/broken.json").replace("{\"index\"",
                    "{\"active\": false, \"index\""));
            TestingConfig.Result succeeded = config.run(environment, "run", "--now", at(180));
            assertEquals(0, succeeded.exit(), succeeded.err());
            assertEquals(1, deadMan.requests().size(), "a pass that succeeded pings the dead-man URL");
            assertEquals(secretPath, deadMan.requests().get(0).path());
            assertEquals(1.0, prometheus(dir.resolve("metrics/alertas.prom")).get("alertas_last_pass_succeeded"));
            for (TestingConfig.Result r : List.of(failing, status, delivered, succeeded)) {
                assertFalse((r.out() + r.err()).contains("deadman-token"), r.out() + r.err());
            }
            assertFalse(config.read("alerts.log").contains("deadman-token"));
        }
    }

    private static void passed(TestingConfig.Result run) {
        assertEquals(0, run.exit(), run.out() + run.err());
    }

    private static JsonNode alert(JsonNode status, String name) {
        for (JsonNode alert : status.path("alerts")) {
            if (alert.path("alert").asText().equals(name)) {
                return alert;
            }
        }
        throw new AssertionError("no alert " + name + " in " + status);
    }

    /**
     * The samples of a metrics file as the Prometheus Python client's own parser reads them (Debian's
     * python3-prometheus-client), keyed like {@code name{label=value,...}}.
     */
    static Map<String, Double> prometheus(Path file) throws Exception {
        String script = """
                import sys
                from prometheus_client.parser import text_string_to_metric_families
                for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                    for s in family.samples:
                        labels = ",".join(k + "=" + v for k, v in sorted(s.labels.items()))
                        print(s.name + ("{" + labels + "}" if labels else "") + " " + repr(float(s.value)))
                """;
        String out = exec(List.of("/usr/bin/python3", "-c", script, file.toString()));
        Map<String, Double> samples = new java.util.TreeMap<>();
        out.lines().forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return samples;
    }

    /** The page as headless Chromium renders it: its DOM after loading. */
    static String chromium(Path page) throws Exception {
        String browser = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
        return exec(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory("chromium"), "--dump-dom", page.toUri().toString()));
    }

    /**
     * A screenshot of the page as headless Chromium draws it, written to {@code png}; returns how many of its pixels
     * are of {@code rgb}, such as a chart's bars.
     */
    static long screenshot(Path page, Path png, int rgb) throws Exception {
        String browser = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
        exec(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory("chromium"), "--window-size=900,1200",
                "--screenshot=" + png, page.toUri().toString()));
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return count;
    }

    private static String exec(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " failed (exit " + process.exitValue() + "): " + out);
        }
        return out;
    }
}
