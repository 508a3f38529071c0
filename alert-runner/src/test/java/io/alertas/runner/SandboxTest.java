package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.testkit.Cluster;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ./try.sh sets up: a config dir, written by init and pointed at the node, whose first pass fires each alert it
 * switched on and the README's own alerts.d example; and what a second start finds in it.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class SandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The README's alerts.d example: its first JSON block with the failed logons' event code. */
    static String readmeFailedLogonRule() throws IOException {
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("..", "README.md")));
        while (block.find()) {
            if (block.group(1).contains("\"4625\"")) {
                return block.group(1);
            }
        }
        throw new AssertionError("README.md has no ```json block with \"4625\"");
    }

    @Test
    void theSandboxConfigValidatesAgainstItsClusterAndItsFirstPassFiresEachAlertItSwitchedOnAndTheReadmeExample(
            ElasticsearchNode node, @TempDir Path tmp, RecordingHttpServer slack) throws Exception {
        Path dir = tmp.resolve("sandbox");
        Instant now = Instant.parse("2026-05-04T10:15:00Z");
        Sandbox.installTemplates(node, IndexTemplatesTest.TEMPLATES);
        Sandbox.INDICES.values().forEach(node::deleteIndices);
        Sandbox.createIndices(node);
        // Loaded up to 30 s before the pass, as try.sh does: the window [now-2m, now-1m) holds what the pass needs.
        Sandbox.load(node, now.minusSeconds(29));
        Sandbox.prepare(node, dir, slack);
        Files.writeString(dir.resolve("alerts.d/failed_logons.json"), readmeFailedLogonRule());

        String validate = run(0, "validate", "--connect", "--config", dir.toString());
        assertEquals(5, validate.lines().filter(l -> l.startsWith("ok  alert")).count(), validate);
        String pass = run(0, "run", "--now", now.toString(), "--config", dir.toString());

        assertTrue(pass.startsWith("pass: 5 alerts run, 5 fired, 0 failed; notifications (one per alert and medium): 5 delivered"), pass);
        List<String> titles = new ArrayList<>();
        for (RecordingHttpServer.Request request : slack.requests()) {
            titles.add(JSON.readTree(request.body()).path("text").asText());
        }
        assertEquals(5, titles.size(), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.contains("Privileged accounts logged on")), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.contains("ws17.corp.local")), titles.toString());
    }

    @Test
    void noSampleEventIsStampedAfterTheInstantItIsLoadedAt() {
        Instant now = Instant.parse("2026-05-04T10:15:00Z");
        for (String fixture : List.of("/sandbox/winlogbeat.ndjson", "/demo/metricbeat.ndjson", "/sandbox/heartbeat.ndjson")) {
            for (JsonNode event : Fixtures.load(SandboxTest.class, fixture, now)) {
                assertFalse(Instant.parse(event.path("@timestamp").asText()).isAfter(now), fixture + ": " + event);
            }
        }
    }

    @Test
    void aSecondStartReusesTheDirWithItsPortsAndRefusesADirItDidNotMake(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("sandbox");
        SandboxDir fresh = SandboxDir.open(dir, Cluster.DEFAULT);
        assertFalse(fresh.made());
        assertTrue(fresh.clusterPort() == 0 || fresh.clusterPort() >= 9200 && fresh.clusterPort() <= 9299, fresh.toString());
        assertEquals(0, fresh.slackPort());
        Files.createDirectories(dir.resolve("alerts.d"));
        new SandboxDir(dir, false, 0, 0).remember(Cluster.DEFAULT, 41234, 41235);

        SandboxDir again = SandboxDir.open(dir, Cluster.DEFAULT);
        assertEquals(new SandboxDir(dir, true, 41234, 41235), again);

        SandboxDir.Refused other = assertThrows(SandboxDir.Refused.class, () -> SandboxDir.open(dir, Cluster.parse("opensearch-2.19.3")));
        assertEquals(dir + " is the sandbox of \"" + Cluster.DEFAULT + "\", not of opensearch-2.19.3; start it with that cluster, or"
                + " name another dir: ./try.sh [CLUSTER] [DIR]", other.getMessage());
        Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(tmp.resolve("mine/credentials.json"), "{}", StandardOpenOption.CREATE_NEW);
        assertEquals(tmp.resolve("mine") + " exists and was not made by try.sh (it has no sandbox.properties); name another dir:"
                + " ./try.sh [CLUSTER] [DIR]",
                assertThrows(SandboxDir.Refused.class, () -> SandboxDir.open(tmp.resolve("mine"), Cluster.DEFAULT)).getMessage());
    }

    @Test
    void aNewSandboxSkipsAPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(0, SandboxDir.firstFree(taken.getLocalPort(), taken.getLocalPort()));
        }
    }

    @Test
    void aHostileSandboxPropertiesFileIsOneLineNamingItAndTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(SandboxDir.FILE);
        for (String port : List.of("-1", "0", "65536", "99999999999999999999", "9200\u202e", "x".repeat(1_000_000), "\\u001b[2J")) {
            Files.writeString(file, "cluster=" + Cluster.DEFAULT + "\ncluster_port=" + port + "\nslack_port=41235\n");
            String message = assertThrows(SandboxDir.Refused.class, () -> SandboxDir.open(dir, Cluster.DEFAULT)).getMessage();
            assertTrue(message.startsWith(file + ": cluster_port \""), message);
            assertTrue(message.endsWith(" is not a TCP port (1-65535)"), message);
            assertTrue(message.length() < 200 && Printable.line(message).equals(message), message);
        }
        Files.writeString(file, "cluster=" + Cluster.DEFAULT + "\ncluster_port=41234\n");
        assertEquals(file + ": slack_port \"\" is not a TCP port (1-65535)",
                assertThrows(SandboxDir.Refused.class, () -> SandboxDir.open(dir, Cluster.DEFAULT)).getMessage());
    }

    @Test
    void thePrintedCommandsQuoteAPathThatTheShellWouldSplit() {
        assertEquals("/home/ana/alertas/sandbox", Sandbox.shell("/home/ana/alertas/sandbox"));
        assertEquals("'/home/ana/my alertas/it'\\''s/sandbox'", Sandbox.shell("/home/ana/my alertas/it's/sandbox"));
        assertEquals("'/tmp/$(touch x)'", Sandbox.shell("/tmp/$(touch x)"));
    }

    private static String run(int exit, String... args) {
        TestingConfig.Result run = TestingConfig.runMain(System.getenv(), args);
        assertEquals(exit, run.exit(), run.out() + run.err());
        return run.out();
    }
}
