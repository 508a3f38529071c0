package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.runner.TestingConfig.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sigma check PATH...: what loads and what is skipped, grouped by reason with the files, as text and as JSON. */
class SigmaCheckCommandTest {

    @TempDir
    Path dir;

    private static Result run(String... args) {
        return TestingConfig.runMain(Map.of(), args);
    }

    @BeforeEach
    void rules() throws Exception {
        Files.createDirectories(dir.resolve("rules/more"));
        Files.writeString(dir.resolve("rules/whoami.yml"), SigmaRunnerTest.WHOAMI);
        Files.writeString(dir.resolve("rules/more/net_user.yml"), SigmaRunnerTest.NET_USER);
        Files.writeString(dir.resolve("rules/more/unsupported.yml"), SigmaRunnerTest.UNSUPPORTED);
        Files.writeString(dir.resolve("rules/more/linux.yml"), SigmaRunnerTest.NET_USER
                .replace("product: windows", "product: linux").replace("category: process_creation", "service: auditd"));
    }

    @Test
    void theTextSaysHowManyLoadAndGroupsTheSkipsByReasonWithTheirFiles() {
        Result check = run("sigma", "check", dir.resolve("rules").toString());

        assertEquals(0, check.exit(), check.err());
        String rules = dir.resolve("rules").toString();
        assertEquals("sigma: 2 rules loaded, 2 skipped (1 unknown log source, 1 unsupported modifier)\n"
                + "\n"
                + "unknown log source (1):\n"
                + "  " + rules + "/more/linux.yml: no index is known for product linux, service auditd\n"
                + "\n"
                + "unsupported modifier (1):\n"
                + "  " + rules + "/more/unsupported.yml: the modifier \"sounds_like\" (in \"Image|sounds_like\") is not"
                + " supported\n", check.out());
    }

    @Test
    void jsonSaysTheSame() throws Exception {
        Result check = run("sigma", "check", dir.resolve("rules/more").toString(), dir.resolve("rules/whoami.yml")
                .toString(), "--json", "--mapping", "ecs_windows_old");

        assertEquals(0, check.exit(), check.err());
        JsonNode json = new ObjectMapper().readTree(check.out());
        assertEquals(2, json.path("loaded").asInt());
        assertEquals(2, json.path("skipped").asInt());
        assertEquals(1, json.path("reasons").path("unsupported modifier").path("count").asInt());
        assertEquals(dir.resolve("rules/more/unsupported.yml").toString(),
                json.path("reasons").path("unsupported modifier").path("rules").path(0).path("file").asText());
    }

    @Test
    void aUsageErrorExits2() {
        assertEquals(2, run("sigma", "check").exit());
        assertEquals(2, run("sigma", "verify", dir.toString()).exit());
        Result missing = run("sigma", "check", dir.resolve("nowhere").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nowhere does not exist"), missing.err());
        Result mapping = run("sigma", "check", dir.toString(), "--mapping", "splunk");
        assertEquals(2, mapping.exit());
        assertTrue(mapping.err().contains("ecs_windows"), mapping.err());
    }
}
