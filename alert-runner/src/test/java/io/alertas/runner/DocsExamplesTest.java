package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JSON example of the README and of the reference pages it leads to is a file that {@code validate} accepts
 * as it is written: a credentials.json (or a part of one), an alerts.json, an alerts.d file or a sigma.json, told
 * apart by their keys. The alerts.json examples name the media of docs/media.md's example, so that example's
 * {@code "media"} stands beside the test's Slack and email; each {@code "${NAME}"} is given a value in the
 * environment. The only change to an example: a CA file it names is the test cluster's.
 */
@ExtendWith(ElasticsearchExtension.class)
class DocsExamplesTest {

    private static final List<String> PAGES = List.of("README.md", "docs/install.md", "docs/configuration.md",
            "docs/media.md", "docs/rules-and-alerts.md", "docs/operations.md", "docs/operating.md", "docs/embedding.md",
            "docs/plugins.md");
    private static final List<String> CREDENTIALS_SECTIONS = List.of("elasticsearch", "media", "slack", "email",
            "state", "monitoring", "history");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyExampleValidatesAsWritten(ElasticsearchNode node, @TempDir Path dir) throws IOException {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        for (String page : PAGES) {
            Matcher block = RuleTypesDocsTest.JSON_BLOCK.matcher(Files.readString(DocsLinksTest.ROOT.resolve(page)));
            List<String> found = new ArrayList<>();
            while (block.find()) {
                found.add(block.group(1));
            }
            examples.put(page, found);
        }
        Map<String, String> environment = environment(examples);
        TestingConfig config = new TestingConfig(dir, node, URI.create("http://127.0.0.1:9/hook"), 25);
        config.credentials.set("media", mediaOf(examples.get("docs/media.md")));
        config.writeCredentials();
        String credentials = config.read("credentials.json");
        String alerts = config.read("alerts.json");

        List<String> rejected = new ArrayList<>();
        Map<String, Integer> checked = new HashMap<>();
        for (Map.Entry<String, List<String>> page : examples.entrySet()) {
            for (String example : page.getValue()) {
                config.write("credentials.json", credentials);
                config.write("alerts.json", alerts);
                ObjectNode json = (ObjectNode) JSON.readTree(example);
                String kind = write(config, node, json, example);
                TestingConfig.Result result = config.run(environment, "validate");
                if (result.exit() != 0) {
                    rejected.add(page.getKey() + ", " + kind + ":\n" + example + "\n" + result.err());
                }
                Files.deleteIfExists(dir.resolve("alerts.d/example.json"));
                Files.deleteIfExists(dir.resolve("sigma.json"));
                checked.merge(page.getKey(), 1, Integer::sum);
            }
        }
        assertEquals(List.of(), rejected);
        for (String page : List.of("README.md", "docs/configuration.md", "docs/media.md", "docs/rules-and-alerts.md",
                "docs/operations.md", "docs/operating.md")) {
            assertTrue(checked.getOrDefault(page, 0) > 0, page + " has examples that were checked");
        }
    }

    /** Writes the example where the runner reads its kind, and says which kind that is. */
    private static String write(TestingConfig config, ElasticsearchNode node, ObjectNode json, String example)
            throws IOException {
        if (json.has("index") && (json.has("query") || json.has("type"))) {
            config.write("alerts.d/example.json", example);
            return "an alerts.d file";
        }
        if (json.has("rules")) {
            for (JsonNode folder : json.get("rules")) {
                Path rules = config.dir.resolve(folder.asText()).normalize();
                assertTrue(rules.startsWith(config.dir), "a sigma.json example names its rules relative to the config dir");
                Files.createDirectories(rules);
            }
            config.write("sigma.json", example);
            return "a sigma.json";
        }
        if (CREDENTIALS_SECTIONS.stream().anyMatch(json::has)) {
            ObjectNode credentials = (ObjectNode) JSON.readTree(config.read("credentials.json"));
            credentials.setAll(json);
            if (json.path("elasticsearch").has("ca_certificate")) {
                ((ObjectNode) credentials.get("elasticsearch")).put("ca_certificate", node.caCertificate().toString());
            }
            config.write("credentials.json", credentials.toPrettyString());
            return "a credentials.json";
        }
        config.alerts(JSON.convertValue(json, Map.class));
        return "an alerts.json";
    }

    /** The named media of docs/media.md's example, which the alerts.json examples send to. */
    private static JsonNode mediaOf(List<String> examples) throws IOException {
        for (String example : examples) {
            JsonNode json = JSON.readTree(example);
            if (json.has("media")) {
                return json.get("media");
            }
        }
        throw new AssertionError("docs/media.md has no example of a \"media\" section");
    }

    /** A value for each variable the examples read: a URL where the name says it is one. */
    private static Map<String, String> environment(Map<String, List<String>> examples) {
        Map<String, String> environment = new HashMap<>();
        examples.values().forEach(list -> list.forEach(example -> {
            Matcher variable = VARIABLE.matcher(example);
            while (variable.find()) {
                String name = variable.group(1);
                environment.put(name, name.contains("URL") || name.contains("WEBHOOK")
                        ? "https://hooks.example.com/services/T0/B0/" + name.toLowerCase(Locale.ROOT) + "42"
                        : "v" + name.replace("_", "").toLowerCase(Locale.ROOT) + "42");
            }
        }));
        return environment;
    }
}
