package io.alertas.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How long {@code backtest} takes over a month of one-minute windows (43 200 passes) of one alert, against a
 * real local Elasticsearch holding a month of events: the runner jar's wall time, end to end. It prints
 * figures; it is not a test. Run by {@code bench/backtest.sh}.
 */
public final class BacktestBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "logs-backtest-bench";
    private static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");
    private static final Duration MONTH = Duration.ofDays(30);

    private BacktestBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        try (ElasticsearchNode node = ElasticsearchNode.start(); RecordingHttpServer slack = RecordingHttpServer.start()) {
            int events = index(node);
            Path dir = Bench.emptyConfig(node, slack);
            Files.writeString(dir.resolve("alerts.d/errors.json"), """
                    {"index": "%s", "throttle_period": "1h",
                     "query": {"size": 0, "query": {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}},
                               "aggs": {"hosts": {"terms": {"field": "host.name"}}}},
                     "condition": {"buckets": "aggregations.hosts.buckets", "path": "doc_count", "op": "gte", "value": 3},
                     "message": "{{doc_count}} errors"}""".formatted(INDEX));
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "backtest", "errors", "--config", dir.toString(), "--from", FROM.toString(),
                    "--to", FROM.plus(MONTH).toString(), "--json");
            Path output = Files.createTempFile("alertas-backtest-bench", ".json");
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int exit = process.waitFor();
            long millis = (System.nanoTime() - started) / 1_000_000;
            JsonNode replay = JSON.readTree(output.toFile()).path("alerts").path(0);
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + "; Elasticsearch " + ElasticsearchNode.VERSION);
            System.out.printf("backtest of one alert over %d one-minute windows (%d events): %.1f s (exit %d), "
                    + "%d windows fired, %d notifications, %d throttled%n", replay.path("windows").asLong(), events,
                    millis / 1000.0, exit, replay.path("fired").asInt(), replay.path("notifications").size(),
                    replay.path("throttled").asInt());
        }
    }

    /** A month of error events over 20 hosts: about one a minute, with a burst on some host now and then. */
    private static int index(ElasticsearchNode node) {
        ObjectNode mappings = JSON.createObjectNode();
        ObjectNode properties = mappings.putObject("properties");
        properties.putObject("@timestamp").put("type", "date");
        properties.putObject("host").putObject("properties").putObject("name").put("type", "keyword");
        node.createIndex(INDEX, mappings);
        Random random = new Random(42);
        List<ObjectNode> batch = new ArrayList<>();
        int count = 0;
        for (long minute = 0; minute < MONTH.toMinutes(); minute++) {
            int events = random.nextInt(200) == 0 ? 5 : random.nextInt(2);
            String host = "host-" + random.nextInt(20);
            for (int i = 0; i < events; i++) {
                ObjectNode event = JSON.createObjectNode()
                        .put("@timestamp", FROM.plusSeconds(minute * 60 + random.nextInt(60)).toString());
                event.putObject("host").put("name", host);
                batch.add(event);
            }
            if (batch.size() >= 5000) {
                count += batch.size();
                node.index(INDEX, batch);
                batch.clear();
            }
        }
        count += batch.size();
        node.index(INDEX, batch);
        return count;
    }
}
