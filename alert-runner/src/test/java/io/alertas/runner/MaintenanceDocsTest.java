package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each alerts.json example of docs/maintenance.md is one that {@code validate} accepts as it is written. */
@ExtendWith(ElasticsearchExtension.class)
class MaintenanceDocsTest {

    @Test
    void everyExampleValidates(ElasticsearchNode node, @TempDir Path dir) throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "maintenance.md"));
        TestingConfig config = new TestingConfig(dir, node, URI.create("http://127.0.0.1:9/hook"), 25);
        Matcher example = RuleTypesDocsTest.JSON_BLOCK.matcher(docs);
        int examples = 0;
        while (example.find()) {
            config.alerts(new ObjectMapper().readValue(example.group(1), Map.class));
            TestingConfig.Result result = config.run("validate");
            assertEquals(0, result.exit(), example.group(1) + "\n" + result.err());
            assertTrue(config.run("status").out().contains("maintenance windows:"), example.group(1));
            examples++;
        }
        assertEquals(3, examples, "the examples of docs/maintenance.md");
    }
}
