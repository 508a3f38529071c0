package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.runner.TestingConfig.Result;
import io.alertas.spi.AlertModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** What the runner tells an operator: its name as the launcher gives it, a manual that is true, a quiet log. */
class OperatorMessagesTest {

    private static Result run(String... args) {
        return TestingConfig.runMain(Map.of(), args);
    }

    @Test
    @ResourceLock("system property alertas.command")
    void errorsNameTheCommandTheLauncherGives() {
        assertEquals("alert-runner: unknown command \"frobnicate\"; commands: run, serve, init, list, validate, test,"
                + " backtest, silence, unsilence, status, sigma\nTry: java -jar alert-runner.jar --help\n",
                run("frobnicate").err().replaceAll("sigma[ a-z]*\n", "sigma\n"));
        try {
            System.setProperty(ProgramName.PROPERTY, "alertas");
            Result named = run("frobnicate");
            assertTrue(named.err().startsWith("alertas: unknown command \"frobnicate\""), named.err());
            assertTrue(named.err().endsWith("\nTry: alertas --help\n"), named.err());
            assertTrue(run("--version").out().startsWith("alertas "), "--version names the program as the launcher does");
            System.setProperty(ProgramName.PROPERTY, "alertas\u202e\u0007 --evil");
            assertTrue(run("frobnicate").err().startsWith("alert-runner: unknown command"), "a hostile name is not printed");
        } finally {
            System.clearProperty(ProgramName.PROPERTY);
        }
    }

    @Test
    void theManualSaysWhatInitWritesAndTheVariablesAndItsSilenceExampleNamesAnAlert() {
        String manual = run("--help").out();
        assertFalse(manual.contains("README"), manual);
        assertTrue(manual.contains("credentials.json and\n") && manual.contains("alertas.env, its variables"), manual);
        assertTrue(manual.contains("ALERTAS_CACHE") && manual.contains("alertas.env in the config"), manual);
        Set<String> alerts = ServiceLoader.load(AlertModule.class).stream()
                .flatMap(m -> m.get().alerts().stream()).map(a -> a.name()).collect(Collectors.toSet());
        Matcher silence = Pattern.compile("alertas silence (\\S+) ").matcher(manual);
        assertTrue(silence.find(), manual);
        assertTrue(alerts.contains(silence.group(1)), silence.group(1) + " is no alert");
    }

    @Test
    void aCommandLogsNoLineForTheRunnersOwnModules(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("conf");
        assertEquals(0, run("init", dir.toString()).exit());
        assertEquals(0, run("list", "--config", dir.toString()).exit());
        String log = Files.exists(dir.resolve(Logging.FILE)) ? Files.readString(dir.resolve(Logging.FILE)) : "";
        assertFalse(log.contains("loaded from"), log);
    }

    @Test
    void countsOfOneAreSingular() {
        assertEquals("1 pass", Counts.of(1, "pass", "passes"));
        assertEquals("0 passes", Counts.of(0, "pass", "passes"));
        assertEquals("2 buckets", Counts.of(2, "bucket", "buckets"));
    }
}
