package io.alertas.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus Alertmanager, Debian's {@code /usr/bin/prometheus-alertmanager}, started on a free port of
 * 127.0.0.1 with one receiver that sends nothing, its storage in a folder of its own and gossip off; {@link
 * #start} returns once {@code /-/ready} answers. Where the binary is missing, {@code start} fails saying to
 * install {@code prometheus-alertmanager}, unless the system property {@code alertas.alertmanager} is {@code
 * skip}: then the test is skipped. Close it to stop the process.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    /** Where Debian installs Alertmanager. */
    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    /** The system property that, set to {@code skip}, skips the tests that need Alertmanager where it is missing. */
    public static final String SKIP_PROPERTY = "alertas.alertmanager";

    private static final Duration READY = Duration.ofSeconds(30);
    private static final int PORT_ATTEMPTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            route:
              receiver: "null"
            receivers:
              - name: "null"
            """;

    private final Process process;
    private final URI url;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AlertmanagerProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts an Alertmanager whose config, storage and log are in {@code dir}, and waits until it is ready. */
    public static AlertmanagerProcess start(Path dir) throws IOException, InterruptedException {
        return start(BINARY, dir);
    }

    static AlertmanagerProcess start(Path binary, Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(binary)) {
            Assumptions.assumeFalse("skip".equals(System.getProperty(SKIP_PROPERTY)),
                    binary + " is missing; skipped as -D" + SKIP_PROPERTY + "=skip asks");
            throw new IllegalStateException(binary + " is missing: install Debian's prometheus-alertmanager"
                    + " (apt-get install prometheus-alertmanager), or run with -D" + SKIP_PROPERTY + "=skip to skip these tests");
        }
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Path log = dir.resolve("alertmanager-" + attempt + ".log");
            Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            AlertmanagerProcess alertmanager = new AlertmanagerProcess(process, URI.create("http://127.0.0.1:" + port), log);
            if (alertmanager.awaitReady()) {
                return alertmanager;
            }
            alertmanager.close();
            String said = Files.readString(log);
            if (!said.contains("address already in use") || attempt == PORT_ATTEMPTS) {
                throw new IllegalStateException("Alertmanager did not get ready within " + READY.toSeconds() + " s: " + said);
            }
        }
    }

    /** Where it listens, such as {@code http://127.0.0.1:40123}. */
    public URI url() {
        return url;
    }

    /** {@code GET /api/v2/alerts}: the alerts it holds that have not ended. */
    public JsonNode alerts() throws IOException, InterruptedException {
        return JSON.readTree(get("/api/v2/alerts"));
    }

    /**
     * The value of one series of its metrics, such as {@code alertmanager_alerts_received_total{status="resolved",version="v2"}};
     * 0 when it has none.
     */
    public double metric(String series) throws IOException, InterruptedException {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(get("/metrics"));
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    /** Polls {@code /-/ready} until it answers 200, the process ends, or the deadline passes. */
    private boolean awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(READY);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                if (http.send(HttpRequest.newBuilder(url.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the process and waits for it to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
