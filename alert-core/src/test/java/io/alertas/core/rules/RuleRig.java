package io.alertas.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.Alertas;
import io.alertas.core.AlertasException;
import io.alertas.core.internal.media.SlackProvider;
import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.PassReport;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.AlertModule;
import io.alertas.spi.rules.Rules;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule written twice, as a Java alert and as an alerts.d file, run by real passes (each a new
 * {@link Alertas}, as cron starts a new process) against a real Elasticsearch at instants the test picks,
 * with no query delay and no throttle. Every pass checks that the two wrote the same findings.
 */
final class RuleRig implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The instant the tests' events are placed around. */
    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    private final ElasticsearchNode node;
    private final Path dir;
    private final String index;
    private final RecordingHttpServer slack = RecordingHttpServer.start();
    private final Map<String, Rules.Builder> rules = new LinkedHashMap<>();
    private String stateIndex;

    RuleRig(ElasticsearchNode node, Path dir, String index) {
        this.node = node;
        this.dir = dir;
        this.index = index;
        node.deleteIndices(index);
        node.createIndex(index, json("""
                {"dynamic_templates": [{"strings": {"match_mapping_type": "string", "mapping": {"type": "keyword"}}}],
                 "properties": {"@timestamp": {"type": "date"}}}"""));
        write("credentials.json", JSON.createObjectNode().<ObjectNode>set("elasticsearch", node.credentials())
                .set("slack", JSON.createObjectNode().put("webhook_url", slack.url("/hook").toString())));
    }

    /** Keeps the state in an Elasticsearch index instead of files. */
    RuleRig stateIndex(String name) {
        node.deleteIndices(name);
        this.stateIndex = name;
        return this;
    }

    /** The instant {@code seconds} after (or before) {@link #T}. */
    static Instant at(double seconds) {
        return T.plusMillis(Math.round(seconds * 1000));
    }

    /** Indexes one event at {@code when} with {@code fields} given as pairs: name, value, name, value... */
    RuleRig event(Instant when, Object... fields) {
        ObjectNode event = JSON.createObjectNode().put("@timestamp", when.toString());
        for (int i = 0; i < fields.length; i += 2) {
            event.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        node.index(index, List.of(event));
        return this;
    }

    /**
     * The rule {@code name}: in Java as {@code java} gives it, and in {@code alerts.d/NAME_json.json} as
     * {@code type} and {@code settings} (a JSON object's inside) give it.
     */
    RuleRig rule(String name, Rules.Builder java, String type, String settings) {
        rules.put(name, java);
        write("alerts.d/" + name + "_json.json", json("{\"type\": \"" + type + "\", \"index\": \"" + index
                + "\", \"query_delay\": 0, \"throttle_period\": 0" + (settings.isBlank() ? "" : ", " + settings) + "}"));
        return this;
    }

    /**
     * Runs a pass at {@code now}; checks that each rule's Java and file alerts had the same outcome, and
     * returns each rule's findings (key → text), or for a rule that fired as a whole its message under "".
     */
    Map<String, Map<String, String>> pass(Instant now) {
        ObjectNode alerts = JSON.createObjectNode();
        rules.keySet().forEach(name -> alerts.putObject(name).put("query_delay", 0).put("throttle_period", 0));
        write("alerts.json", alerts);
        Alertas.Builder builder = Alertas.builder().configDir(dir).module(new Module())
                .mediumProvider(new SlackProvider()).clock(Clock.fixed(now, ZoneOffset.UTC));
        builder = stateIndex == null ? builder.stateDir(dir) : builder.stateIndex(stateIndex);
        PassReport report;
        try {
            report = builder.build().runPass(PassOptions.all().at(now));
        } catch (AlertasException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        for (String name : rules.keySet()) {
            PassReport.AlertOutcome java = outcome(report, name);
            PassReport.AlertOutcome file = outcome(report, name + "_json");
            if (java.status() == PassReport.Status.FAILED || file.status() == PassReport.Status.FAILED) {
                fail(name + " failed at " + now + ": " + java.error() + " / " + file.error());
            }
            assertEquals(java.status(), file.status(), () -> name + ": the file alert " + file);
            assertEquals(java.window(), file.window(), name);
            Map<String, String> findings = new LinkedHashMap<>();
            if (java.evaluation().fired() && java.evaluation().findings().isEmpty()) {
                findings.put("", java.evaluation().message());
                assertEquals(java.evaluation().message(), file.evaluation().message(), name);
            }
            java.evaluation().findings().forEach(f -> findings.put(f.key(), f.text()));
            assertEquals(java.evaluation().findings(), file.evaluation().findings(), () -> name + ": the file alert's findings");
            found.put(name, findings);
        }
        return found;
    }

    /** The Slack messages delivered so far. */
    List<String> delivered() {
        List<String> texts = new ArrayList<>();
        slack.requests().forEach(r -> texts.add(r.body()));
        return texts;
    }

    private static PassReport.AlertOutcome outcome(PassReport report, String name) {
        return report.alerts().stream().filter(o -> o.alert().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " did not run"));
    }

    private final class Module implements AlertModule {
        @Override
        public String name() {
            return "rules-test";
        }

        @Override
        public List<AlertDefinition> alerts() {
            List<AlertDefinition> definitions = new ArrayList<>();
            rules.forEach((name, rule) -> definitions.add(
                    AlertDefinition.builder(name).index(index).rule(rule.build()).build()));
            return definitions;
        }
    }

    private void write(String file, Object json) {
        try {
            Path path = dir.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, json.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Findings keyed by key, for assertions: {@code findings("alice", "3 events (at least 3)")}. */
    static Map<String, String> findings(String... keysAndTexts) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < keysAndTexts.length; i += 2) {
            expected.put(keysAndTexts[i], keysAndTexts[i + 1]);
        }
        return expected;
    }

    @Override
    public void close() {
        slack.close();
    }
}
