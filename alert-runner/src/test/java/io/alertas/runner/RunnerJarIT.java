package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.core.internal.state.FileStateStore;
import io.alertas.core.internal.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as cron runs it: the plugins' and media's services files survived shading. */
class RunnerJarIT {

    private static final Path JAR = Path.of(System.getProperty("alertas.runner.jar", "target/alert-runner.jar"));

    private record Run(int exit, String output) {
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Run(process.waitFor(), output);
    }

    @Test
    void listsTheAlertsOfBothBuiltInPluginsAndTakesTheConfiguredMedia(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve("credentials.json"), """
                {"elasticsearch": {"url": "https://es.example.com:9200", "api_key": "aWQ6a2V5"},
                 "slack": {"webhook_url": "https://hooks.slack.com/services/T0/B0/x"},
                 "email": {"from": "a@example.com", "to": "b@example.com", "smtp": {"host": "smtp.example.com"}}}
                """);

        Run list = java("list", "--config", config.toString());

        assertEquals(0, list.exit(), list.output());
        assertTrue(list.output().lines().anyMatch(l -> l.matches("privileged_logon +security +alert-runner.jar +yes .*")),
                list.output());
        assertTrue(list.output().lines().anyMatch(l -> l.matches("filesystem_usage +infra +alert-runner.jar +yes .*")),
                list.output());
        assertTrue(list.output().contains("slack,email"), list.output());
        assertTrue(Files.exists(config.resolve("alerts.log")));
    }

    @Test
    void tellsItsVersionAndUsage() throws Exception {
        Run version = java("--version");
        Run help = java("--help");
        Run nothing = java();

        assertEquals(0, version.exit());
        assertTrue(version.output().matches("alert-runner \\d+\\.\\d+\\.\\d+.*\\n"), version.output());
        assertEquals(0, help.exit());
        assertTrue(help.output().startsWith("NAME\n    alertas - ") && help.output().contains("\nEXIT STATUS\n"), help.output());
        assertEquals(2, nothing.exit());
    }

    @Test
    @SuppressWarnings("try")
    void aSecondRunnerProcessOnALockedConfigExitsThreeAtOnce(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve("credentials.json"), """
                {"elasticsearch": {"url": "https://127.0.0.1:9"},
                 "slack": {"webhook_url": "https://hooks.slack.com/services/T0/B0/x"}}
                """);
        try (StateStore.Lock held = new FileStateStore(config, Clock.systemUTC()).lock()) {
            Run second = java("run", "--config", config.toString());

            assertEquals(3, second.exit(), second.output());
            assertTrue(second.output().contains("another pass holds the lock"), second.output());
        }
        assertTrue(Files.notExists(config.resolve("throttle_period.json")), "nothing done");
    }
}
