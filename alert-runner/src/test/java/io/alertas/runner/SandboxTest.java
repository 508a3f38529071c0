package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What ./try.sh sets up: a config dir, written by init and pointed at the node, whose first pass fires. */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class SandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSandboxConfigValidatesAgainstItsClusterAndItsFirstPassFiresEachAlertItSwitchedOn(ElasticsearchNode node,
            @TempDir Path tmp, RecordingHttpServer slack) throws Exception {
        Path dir = tmp.resolve("sandbox");
        Instant now = Instant.parse("2026-05-04T10:15:00Z");
        Sandbox.installTemplates(node, IndexTemplatesTest.TEMPLATES);
        Sandbox.INDICES.values().forEach(node::deleteIndices);
        Sandbox.createIndices(node);
        Sandbox.load(node, now);
        Sandbox.prepare(node, dir, slack);

        String validate = run(0, "validate", "--connect", "--config", dir.toString());
        assertEquals(4, validate.lines().filter(l -> l.startsWith("ok  alert")).count(), validate);
        String pass = run(0, "run", "--now", now.toString(), "--config", dir.toString());

        assertTrue(pass.startsWith("pass: 4 alerts run, 4 fired, 0 failed; notifications (one per alert and medium): 4 delivered"), pass);
        List<String> titles = new ArrayList<>();
        for (RecordingHttpServer.Request request : slack.requests()) {
            titles.add(JSON.readTree(request.body()).path("text").asText());
        }
        assertEquals(4, titles.size(), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.contains("Privileged accounts logged on")), titles.toString());
    }

    private static String run(int exit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                System::getenv, Clock.systemUTC()).execute(args);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(exit, code, printed + err.toString(StandardCharsets.UTF_8));
        return printed;
    }
}
