package io.alertas.sigma.regression;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * SigmaHQ's regression data: per rule folder an {@code info.yml} naming the rule and a {@code .json} file holding one
 * or more rendered events (several JSON objects one after another), each turned into its Winlogbeat document.
 */
final class RegressionEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** One true-positive case: the rule ids it must trigger, and its events' documents, each with its own id. */
    record Case(String name, List<String> ruleIds, List<String> docIds, List<ObjectNode> documents) {
    }

    private RegressionEvents() {
    }

    static List<Case> read(Path sigma) {
        Path root = sigma.resolve("regression_data");
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = root.relativize(file).toString();
                List<String> ruleIds = new ArrayList<>();
                for (JsonNode rule : YAML.readTree(file.resolveSibling("info.yml").toFile()).path("rule_metadata")) {
                    ruleIds.add(rule.path("id").asText());
                }
                List<ObjectNode> documents = new ArrayList<>();
                List<String> docIds = new ArrayList<>();
                for (JsonNode event : events(file)) {
                    docIds.add(name + "#" + documents.size());
                    documents.add(WinlogbeatDocument.of(event));
                }
                cases.add(new Case(name, List.copyOf(ruleIds), docIds, documents));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    static List<JsonNode> events(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                JsonParser parser = JSON.createParser(in);
                MappingIterator<JsonNode> each = JSON.readValues(parser, JsonNode.class)) {
            return each.readAll();
        }
    }

    /** The benign events of this test's resources (listed in benign/index.txt), each a case that triggers nothing. */
    static List<Case> benign() {
        List<Case> cases = new ArrayList<>();
        for (String name : resource("index.txt").lines().toList()) {
            try {
                ObjectNode document = WinlogbeatDocument.of(JSON.readTree(resource(name)));
                cases.add(new Case("benign/" + name, List.of(), List.of("benign/" + name), List.of(document)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cases;
    }

    private static String resource(String name) {
        try (InputStream in = RegressionEvents.class.getResourceAsStream("benign/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
