package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.alertas.core.pass.Mask;
import io.alertas.core.pass.Shard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run takes its shard from the environment when --shard is not given, as each pod of an Indexed Job gets it. */
class ShardSettingTest {

    @TempDir
    Path dir;

    private Optional<Shard> shard(Map<String, String> environment, String... args) throws UsageException {
        CommandLine line = CommandLine.parse(args, Main.COMMANDS);
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()),
                Mask.NONE);
        return ShardSetting.of(line, environment::get, console);
    }

    @Test
    void runTakesItsShardFromTheEnvironmentAndTheOptionWins() throws Exception {
        String config = dir.toString();
        assertEquals(Optional.of(new Shard(2, 3)), shard(Map.of("ALERTAS_SHARD", "2/3"), "run", "--config", config));
        assertEquals(Optional.of(new Shard(1, 4)),
                shard(Map.of("ALERTAS_SHARDS", "4", "JOB_COMPLETION_INDEX", "0"), "run", "--config", config));
        assertEquals(Optional.of(new Shard(4, 4)),
                shard(Map.of("ALERTAS_SHARDS", "4", "JOB_COMPLETION_INDEX", "3"), "run", "--config", config));
        assertEquals(Optional.of(new Shard(1, 2)),
                shard(Map.of("ALERTAS_SHARD", "2/2"), "run", "--shard", "1/2", "--config", config));
        assertEquals(Optional.of(Shard.ALL), shard(Map.of("JOB_COMPLETION_INDEX", "3"), "run", "--config", config),
                "an Indexed Job's index alone is not a shard");
        assertEquals(Optional.of(Shard.ALL), shard(Map.of("ALERTAS_SHARD", "", "ALERTAS_SHARDS", ""), "run", "--config", config),
                "empty, as an env file leaves them");
        assertEquals(Optional.of(Shard.ALL), shard(Map.of("ALERTAS_SHARD", "2/3"), "list", "--config", config),
                "the commands for people see every alert unless told --shard");
    }

    @Test
    void aBadShardInTheEnvironmentIsNamedInOneLineAndNothingRuns() {
        Map<Map<String, String>, String> bad = Map.ofEntries(
                Map.entry(Map.of("ALERTAS_SHARDS", "0", "JOB_COMPLETION_INDEX", "0"),
                        "ALERTAS_SHARDS must be a number of shards from 1 to 2147483647, not \"0\""),
                Map.entry(Map.of("ALERTAS_SHARDS", "-1", "JOB_COMPLETION_INDEX", "0"),
                        "ALERTAS_SHARDS must be a number of shards from 1 to 2147483647, not \"-1\""),
                Map.entry(Map.of("ALERTAS_SHARDS", "99999999999", "JOB_COMPLETION_INDEX", "0"),
                        "ALERTAS_SHARDS must be a number of shards from 1 to 2147483647, not \"99999999999\""),
                Map.entry(Map.of("ALERTAS_SHARDS", "+3", "JOB_COMPLETION_INDEX", "0"),
                        "ALERTAS_SHARDS must be a number of shards from 1 to 2147483647, not \"+3\""),
                Map.entry(Map.of("ALERTAS_SHARDS", "\u0663", "JOB_COMPLETION_INDEX", "0"),
                        "ALERTAS_SHARDS must be a number of shards from 1 to 2147483647, not \"\u0663\""),
                Map.entry(Map.of("ALERTAS_SHARDS", "3", "JOB_COMPLETION_INDEX", "3"),
                        "JOB_COMPLETION_INDEX must be the index of this pod, with ALERTAS_SHARDS=3 from 0 to 2, not \"3\""),
                Map.entry(Map.of("ALERTAS_SHARDS", "3", "JOB_COMPLETION_INDEX", "1 "),
                        "JOB_COMPLETION_INDEX must be the index of this pod, with ALERTAS_SHARDS=3 from 0 to 2, not \"1 \""),
                Map.entry(Map.of("ALERTAS_SHARDS", "3"),
                        "ALERTAS_SHARDS is set but JOB_COMPLETION_INDEX is not: JOB_COMPLETION_INDEX (0 to N-1) is given to"
                                + " each pod of a Kubernetes Indexed Job; elsewhere set ALERTAS_SHARD=I/N"),
                Map.entry(Map.of("ALERTAS_SHARD", "1/3", "ALERTAS_SHARDS", "3", "JOB_COMPLETION_INDEX", "0"),
                        "ALERTAS_SHARD and ALERTAS_SHARDS are both set; set ALERTAS_SHARD=I/N, or ALERTAS_SHARDS=N with"
                                + " JOB_COMPLETION_INDEX"),
                Map.entry(Map.of("ALERTAS_SHARD", "4/3"), "ALERTAS_SHARD must be I/N with 1 <= I <= N, such as 1/3, not \"4/3\""),
                Map.entry(Map.of("ALERTAS_SHARD", "1/99999999999"),
                        "ALERTAS_SHARD must be I/N with 1 <= I <= N, such as 1/3, not \"1/99999999999\""),
                Map.entry(Map.of("ALERTAS_SHARD", "1/3\u202e"),
                        "ALERTAS_SHARD must be I/N with 1 <= I <= N, such as 1/3, not \"1/3\\u202e\""),
                Map.entry(Map.of("ALERTAS_SHARD", "1/" + "3".repeat(100_000)),
                        "ALERTAS_SHARD must be I/N with 1 <= I <= N, such as 1/3, not \"1/" + "3".repeat(38)
                                + "\"... (99962 more characters cut)"),
                Map.entry(Map.of("ALERTAS_SHARDS", "\ud83d\ude00".repeat(50), "JOB_COMPLETION_INDEX", "0"),
                        "ALERTAS_SHARDS must be a number of shards from 1 to 2147483647, not \""
                                + "\ud83d\ude00".repeat(40) + "\"... (10 more characters cut)"),
                Map.entry(Map.of("ALERTAS_SHARD", "1/3\n2/3"),
                        "ALERTAS_SHARD must be I/N with 1 <= I <= N, such as 1/3, not \"1/3\\n2/3\""));
        bad.forEach((environment, message) -> {
            TestingConfig.Result run = TestingConfig.runMain(environment, "run", "--config", dir.toString());

            assertEquals(2, run.exit(), environment.toString());
            assertEquals(List.of("alert-runner: " + message + "; nothing was run"), run.err().lines().toList());
            assertEquals("", run.out());
            assertFalse(Files.exists(dir.resolve("alerts.log")), "refused before the log is opened");
        });
    }
}
