package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged runner on a small heap: an answer far under the fixed cap but too large for this heap fails only
 * its own alert, said with the cap the heap gives, instead of running the pass out of memory.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class AnswerCapIT {

    private static final Path JAR = Path.of(System.getProperty("alertas.runner.jar", "target/alert-runner.jar"));
    private static final String INDEX = "answer-cap-test";

    @Test
    void onA96MegabyteHeapA40MegabyteAnswerFailsOnlyItsAlert(ElasticsearchNode node, @TempDir Path dir,
            RecordingHttpServer slack) throws Exception {
        ObjectMapper json = new ObjectMapper();
        node.createIndex(INDEX, json.readTree("{\"dynamic\": false, \"properties\": {\"@timestamp\": {\"type\": \"date\"}}}"));
        List<ObjectNode> docs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            docs.add(json.createObjectNode().put("@timestamp", TestingConfig.NOW.minusSeconds(90).toString())
                    .put("blob", String.valueOf((char) ('a' + i)).repeat(4_000_000)));
        }
        node.index(INDEX, docs);
        TestingConfig config = new TestingConfig(dir, node, slack.url("/hook"), 25);
        config.credentials.remove("email");
        config.writeCredentials();
        config.alerts(Map.of());
        config.write("alerts.d/every_document.json", """
                {"index": "answer-cap-test", "media": ["slack"],
                 "query": {"size": 10, "query": {"match_all": {}}},
                 "condition": {"path": "hits.total.value", "op": "gt", "value": 0},
                 "message": "every document, whole"}
                """);
        config.write("alerts.d/any_document.json", """
                {"index": "answer-cap-test", "media": ["slack"],
                 "query": {"size": 0, "query": {"match_all": {}}},
                 "condition": {"path": "hits.total.value", "op": "gt", "value": 0},
                 "message": "documents are there"}
                """);

        ProcessBuilder runner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString(),
                "run", "--config", dir.toString(), "--now", TestingConfig.NOW.toString());
        Process process = runner.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());

        assertEquals(1, process.waitFor(), err);
        assertTrue(out.contains("2 alerts run, 1 fired, 1 failed; notifications (one per alert and medium): 1 delivered, 0 throttled"), out);
        assertTrue(err.lines().anyMatch(l -> l.matches("alert \"every_document\" failed: Elasticsearch at "
                + node.url() + " answered with more than [56] MB \\(a sixteenth of the runner's heap, at most 256 MB\\);"
                + " narrow the query or lower its size \\(.*")), err);
        assertFalse(err.contains("OutOfMemoryError"), err);
        assertEquals(1, slack.requests().size());
        assertTrue(slack.requests().get(0).body().contains("documents are there"), slack.requests().get(0).body());
        node.deleteIndices(INDEX);
    }
}
