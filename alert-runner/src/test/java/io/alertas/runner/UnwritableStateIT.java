package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged runner on a config dir whose disk is full, and on one that is read-only, each made real for
 * the runner's process alone with a mount namespace of its own (util-linux's unshare): no pass delivers what
 * it cannot record, each says why in one line, and the first pass that can write catches up once.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class UnwritableStateIT {

    private static final Path JAR = Path.of(System.getProperty("alertas.runner.jar", "target/alert-runner.jar"));
    private static final String INDEX = "unwritable-state-test";
    private static final Instant NOW = TestingConfig.NOW;
    /** The config dir on a 256 KB tmpfs, the rest of it filled: the state cannot be written, the rest can be read. */
    private static final String DISK_FULL = "copy=$(mktemp -d) && cp -a \"$DIR\"/. \"$copy\"/"
            + " && mount -t tmpfs -o size=256k tmpfs \"$DIR\" && cp -a \"$copy\"/. \"$DIR\"/"
            + " && { dd if=/dev/zero of=\"$DIR/filler\" bs=4k 2>/dev/null; true; }";
    private static final String READ_ONLY = "mount --bind \"$DIR\" \"$DIR\" && mount -o remount,bind,ro \"$DIR\"";

    private record Run(int exit, String out, String err) {
    }

    @Test
    void aPassThatCannotWriteItsStateSendsNothingSaysWhyAndTheNextWritablePassCatchesUp(ElasticsearchNode node,
            @TempDir Path dir, RecordingHttpServer slack) throws Exception {
        node.createIndex(INDEX, Fixtures.json(UnwritableStateIT.class, "/demo/winlogbeat-mapping.json"));
        node.index(INDEX, Fixtures.parse("""
                {"@timestamp":"{{now-90s}}","event":{"code":"1102","action":"audit-log-cleared"},"host":{"name":"dc01"}}
                """, NOW, "log cleared"));
        TestingConfig config = new TestingConfig(dir, node, slack.url("/hook"), 25);
        config.credentials.remove("email");
        // the CA beside the config, as an operator keeps it: the node's own copy is not readable in the namespace
        Files.copy(node.caCertificate(), dir.resolve("http_ca.crt"));
        config.credentials.with("elasticsearch").put("ca_certificate", "http_ca.crt");
        config.writeCredentials();
        config.alerts(Map.of());
        config.write("alerts.d/log_cleared.json", """
                {"index": "unwritable-state-test",
                 "query": {"query": {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}},
                 "condition": {"path": "hits.total.value", "op": "gt", "value": 0},
                 "message": "the audit log was cleared", "throttle_period": "1d"}
                """);
        assertEquals(0, runner(dir, "", NOW.minusSeconds(60)).exit(), "a first pass starts the checkpoint");

        for (int minute = 0; minute < 3; minute++) {
            Run full = runner(dir, DISK_FULL, NOW.plusSeconds(60L * minute));
            assertEquals(1, full.exit(), full.err());
            assertEquals(List.of("alert-runner: " + dir.resolve("throttle_period.json") + " cannot be written: No space"
                    + " left on device; no alert was run and nothing was sent: the next pass that can read and write its"
                    + " state catches up"), full.err().lines().toList());
        }
        Run readOnly = runner(dir, READ_ONLY, NOW.plusSeconds(180));
        assertEquals(1, readOnly.exit(), readOnly.err());
        assertEquals(List.of("alert-runner: " + dir.resolve(".alertas.lock") + " cannot be written: Read-only"
                + " file system; no alert was run and nothing was sent: the next pass that can read and write its"
                + " state catches up"), readOnly.err().lines().toList());
        assertEquals(0, slack.requests().size(), "four passes that could not record a delivery sent none");

        Run writable = runner(dir, "", NOW.plusSeconds(240));
        Run after = runner(dir, "", NOW.plusSeconds(300));

        assertEquals(0, writable.exit(), writable.err());
        assertEquals(0, after.exit(), after.err());
        assertEquals(1, slack.requests().size(), "the missed window is caught up, once");
        assertTrue(slack.requests().get(0).body().contains("the audit log was cleared"), slack.requests().get(0).body());
    }

    /** The packaged runner at {@code now}, in a mount namespace where {@code setUp} has run first ({@code ""}: none). */
    private static Run runner(Path dir, String setUp, Instant now) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String run = "exec \"$JAVA\" -XX:TieredStopAtLevel=1 -jar \"$JAR\" run --config \"$DIR\" --now \"$NOW\"";
        List<String> command = setUp.isEmpty() ? List.of("sh", "-c", run)
                : List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", setUp + " && " + run);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("JAVA", java, "JAR", JAR.toAbsolutePath().toString(),
                "DIR", dir.toString(), "NOW", now.toString()));
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        return new Run(process.waitFor(), out, err);
    }
}
