package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.spi.rules.RuleType;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/alerts.md has a section per rule type, and each of its alerts.d examples is one that {@code validate}
 * accepts as it is written.
 */
@ExtendWith(ElasticsearchExtension.class)
class RuleTypesDocsTest {

    static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyRuleTypeHasASectionWhoseExamplesValidate(ElasticsearchNode node, @TempDir Path dir) throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "alerts.md"));
        int start = docs.indexOf(AlertCatalogueDocsTest.RULE_TYPES);
        assertTrue(start > 0, "docs/alerts.md has a \"# Rule types\" part");
        Map<String, String> sections = new LinkedHashMap<>();
        for (String section : docs.substring(start + 1).split("\n## ")) {
            sections.put(section.lines().findFirst().orElse("").strip(), section);
        }
        sections.remove("# Rule types");
        assertEquals(Arrays.stream(RuleType.values()).map(RuleType::label).toList(), new ArrayList<>(sections.keySet()));

        TestingConfig config = new TestingConfig(dir, node, URI.create("http://127.0.0.1:9/hook"), 25);
        config.alerts(Map.of());
        List<String> files = new ArrayList<>();
        sections.forEach((type, section) -> {
            Matcher example = JSON_BLOCK.matcher(section);
            assertTrue(example.find(), type + " has a JSON example");
            config.write("alerts.d/" + type + "_example.json", example.group(1));
            files.add(type + "_example");
        });
        TestingConfig.Result result = config.run("validate");
        assertEquals(0, result.exit(), result.err());
        TestingConfig.Result list = config.run("list");
        files.forEach(name -> assertTrue(list.out().contains(name), list.out()));
    }
}
