package com.example.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The packaged plugin in the runner's plugins folder: listed with its jar, and its alert delivered to Slack. */
@ExtendWith(ElasticsearchExtension.class)
class RunnerIT {

    @Test
    void theRunnerFindsThisJarAndItsAlertFires(ElasticsearchNode node, @TempDir Path config) throws Exception {
        Path runner = Path.of(System.getProperty("alertas.runner.jar"));
        Path plugin = Path.of(System.getProperty("team.alerts.jar"));
        assertTrue(Files.isRegularFile(runner), "build Alertas first; no runner jar at " + runner);
        node.createIndex("logs-checkout-runner", Fixtures.json(RunnerIT.class, "/mappings/logs.json"));
        node.index("logs-checkout-runner", Fixtures.load(RunnerIT.class, "/fixtures/payments.ndjson", PaymentFailuresTest.NOW));

        try (RecordingHttpServer slack = RecordingHttpServer.start()) {
            ObjectNode credentials = new ObjectMapper().createObjectNode();
            credentials.set("elasticsearch", node.credentials());
            credentials.putObject("slack").put("webhook_url", slack.url("/services/T0/B0/team").toString());
            Files.writeString(config.resolve("credentials.json"), credentials.toString());
            Files.writeString(config.resolve("alerts.json"), "{\"payment_failures\": {\"index\": \"logs-checkout-runner\"}}");
            Files.createDirectories(config.resolve("plugins"));
            Files.copy(plugin, config.resolve("plugins").resolve(plugin.getFileName()), StandardCopyOption.REPLACE_EXISTING);

            String list = java(runner, "list", "--config", config.toString());
            assertTrue(list.lines().anyMatch(l -> l.matches("payment_failures +checkout +team-alerts-1.0.0.jar +yes .*")), list);

            String run = java(runner, "run", "--config", config.toString(), "--alert", "payment_failures",
                    "--now", PaymentFailuresTest.NOW.toString());
            assertTrue(run.contains("1 fired, 0 failed; notifications (one per alert and medium): 1 delivered"), run);
            assertEquals(1, slack.requests().size());
            assertTrue(slack.requests().get(0).body().contains("Payments failing: acme-pay"), slack.requests().get(0).body());
        }
    }

    private static String java(Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        return output;
    }
}
