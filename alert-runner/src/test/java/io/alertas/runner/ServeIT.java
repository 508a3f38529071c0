package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve, the resident mode, as a process: passes at each boundary with run's state and throttle, the metrics of
 * the last pass over HTTP, and SIGTERM honoured between passes, leaving the lock free and every pass whole.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class ServeIT {

    private static final Path JAR = Path.of(System.getProperty("alertas.runner.jar", "target/alert-runner.jar"));
    private static final String INDEX = "winlogbeat-serve-test";

    @Test
    void passesAtEachBoundaryServeTheMetricsAndStopCleanlyOnSigterm(ElasticsearchNode node, @TempDir Path dir,
            RecordingHttpServer slack) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder logons = new StringBuilder();
        for (int offset = -150; offset <= 300; offset += 10) {
            logons.append("""
                    {"@timestamp":"%s","event":{"code":"4624"},"host":{"name":"dc-01"},"source":{"ip":"10.0.0.5"},"winlog":{"event_data":{"TargetUserName":"Administrator"}}}
                    """.formatted(now.plusSeconds(offset)));
        }
        node.deleteIndices(INDEX);
        node.createIndex(INDEX, Fixtures.json(ServeIT.class, "/demo/winlogbeat-mapping.json"));
        node.index(INDEX, Fixtures.parse(logons.toString(), now, "logons"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestingConfig config = new TestingConfig(dir, node, slack.url(TestingConfig.WEBHOOK_PATH), 25);
        config.credentials.remove("email");
        config.writeCredentials();
        config.alerts(Map.of("privileged_logon", Map.of("index", INDEX, "params", Map.of("users", List.of("Administrator")))));
        Path out = dir.resolve("serve.out");
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "serve", "--every", "2s", "--listen", "127.0.0.1:" + port, "--config", dir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            awaitPasses(dir, 3, serve);
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), metrics.body());
            assertTrue(metrics.body().contains("alertas_last_pass_succeeded 1.0"), metrics.body());
        } finally {
            serve.destroy(); // SIGTERM
        }
        assertTrue(serve.waitFor(2, TimeUnit.MINUTES), "serve ended after SIGTERM");
        assertEquals(143, serve.exitValue(), Files.readString(out));
        String printed = Files.readString(out);
        assertTrue(printed.startsWith("serving 1 active alert: a pass at each boundary of 2s; metrics at http://127.0.0.1:"
                + port + "/metrics"), printed);
        assertTrue(printed.strip().endsWith("serve stopped"), printed);
        long started = printed.lines().filter(l -> l.startsWith("pass: ")).count();
        assertTrue(started >= 3, printed);
        assertEquals(1, slack.requests().size(), "the first pass delivered; the throttle held the others back");

        config.clock(Instant.now());
        TestingConfig.Result after = config.run("run");
        assertEquals(0, after.exit(), "the lock is free after serve stopped: " + after.err());
    }

    @Test
    void aHalfRequestAndFiveHundredIdleSocketsStopNeitherTheMetricsNorThePassesAndIdleConnectionsAreClosed(
            ElasticsearchNode node, @TempDir Path dir, RecordingHttpServer slack) throws Exception {
        node.deleteIndices(INDEX);
        node.createIndex(INDEX, Fixtures.json(ServeIT.class, "/demo/winlogbeat-mapping.json"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        InetSocketAddress metricsAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        TestingConfig config = new TestingConfig(dir, node, slack.url(TestingConfig.WEBHOOK_PATH), 25);
        config.credentials.remove("email");
        config.writeCredentials();
        config.alerts(Map.of("privileged_logon", Map.of("index", INDEX)));
        Path out = dir.resolve("serve.out");
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "serve", "--every", "2s", "--listen", ":" + port, "--config", dir.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        List<Socket> clients = new ArrayList<>();
        try {
            awaitPasses(dir, 1, serve);
            long before = openFiles(serve);
            Socket half = connect(metricsAddress);
            clients.add(half);
            half.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 500; i++) {
                clients.add(connect(metricsAddress));
            }
            HttpResponse<String> metrics = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), metrics.body());
            assertTrue(metrics.body().contains("alertas_last_pass_succeeded 1.0"), metrics.body());
            awaitPasses(dir, passes(dir) + 2, serve);
            long during = openFiles(serve);
            assertTrue(during <= before + MetricsServer.MAX_CONNECTIONS + 8, "open files of serve: " + before
                    + " before the 501 connections, " + during + " with them");
            for (Socket client : clients) {
                client.close();
            }
            try (Socket idle = connect(metricsAddress)) {
                idle.setSoTimeout(30_000);
                Instant opened = Instant.now();
                assertEquals(-1, idle.getInputStream().read(), "serve closes a connection that sends nothing");
                assertTrue(Duration.between(opened, Instant.now()).compareTo(MetricsServer.EXCHANGE_TIME.minusSeconds(1)) >= 0,
                        "closed at its deadline, not at once");
            }
        } finally {
            for (Socket client : clients) {
                client.close();
            }
            serve.destroy();
        }
        assertTrue(serve.waitFor(2, TimeUnit.MINUTES), "serve ended after SIGTERM");
        String printed = Files.readString(out);
        assertTrue(printed.startsWith("serving 1 active alert: a pass at each boundary of 2s; metrics at http://127.0.0.1:"
                + port + "/metrics"), "--listen :PORT is loopback: " + printed);
        assertTrue(printed.lines().filter(l -> l.startsWith("pass: ")).allMatch(l -> l.contains(" 0 failed;") && l.contains(" 0 not delivered")),
                printed);
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 10_000);
        return socket;
    }

    /** How many file descriptors {@code process} holds. */
    private static long openFiles(Process process) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            return fds.count();
        }
    }

    private static long passes(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("alerts.log")).stream().filter(l -> l.contains(" - pass: ")).count();
    }

    /** Waits until alerts.log holds {@code count} pass summaries: a bound for a busy machine, not a measure. */
    private static void awaitPasses(Path dir, long count, Process serve) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && serve.isAlive()) {
            Path log = dir.resolve("alerts.log");
            if (Files.exists(log) && passes(dir) >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve did not run " + count + " passes (alive: " + serve.isAlive() + ")");
    }
}
