package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/digests-and-flapping.md are accepted by {@code validate} as they are written. */
@ExtendWith(ElasticsearchExtension.class)
class DigestsAndFlappingDocsTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theExamplesValidate(ElasticsearchNode node, @TempDir Path dir) throws Exception {
        Matcher example = JSON_BLOCK.matcher(Files.readString(Path.of("..", "docs", "digests-and-flapping.md")));
        TestingConfig config = new TestingConfig(dir, node, URI.create("http://127.0.0.1:9/hook"), 25);
        assertTrue(example.find(), "an alerts.json example");
        config.write("alerts.json", example.group(1));
        assertTrue(example.find(), "an alerts.d example");
        config.write("alerts.d/door_open.json", example.group(1));

        TestingConfig.Result result = config.run("validate");

        assertEquals(0, result.exit(), result.out() + result.err());
        TestingConfig.Result list = config.run("list");
        assertTrue(list.out().contains("door_open"), list.out());
    }
}
