package io.alertas.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alertas.testkit.ElasticsearchNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A plain-HTTP proxy in front of the test's real Elasticsearch that holds back, until it is closed, every
 * request whose body holds a marker: one alert's search that the cluster takes too long to answer. An
 * {@link #echoing} one answers such a search (marked in its body or its path) at once with an error that quotes
 * its Authorization header, as a chatty proxy in front of a cluster does.
 */
final class TestingSlowProxy implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient client;
    private final URI cluster;
    private final String marker;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);
    private final boolean echoing;

    TestingSlowProxy(ElasticsearchNode node, String marker) throws Exception {
        this(node, marker, false);
    }

    private TestingSlowProxy(ElasticsearchNode node, String marker, boolean echoing) throws Exception {
        this.cluster = node.url();
        this.marker = marker;
        this.echoing = echoing;
        this.client = HttpClient.newBuilder().sslContext(trusting(node)).connectTimeout(Duration.ofSeconds(10)).build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::forward);
        server.start();
    }

    /** A proxy that refuses each search marked with {@code marker} with a 400 quoting its Authorization header. */
    static TestingSlowProxy echoing(ElasticsearchNode node, String marker) throws Exception {
        return new TestingSlowProxy(node, marker, true);
    }

    /** Waits until the proxy holds back a marked request, at most {@code seconds}; says whether it does. */
    boolean awaitHolding(long seconds) throws InterruptedException {
        return holding.await(seconds, TimeUnit.SECONDS);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (echoing && exchange.getRequestURI().getPath().endsWith("search")
                    && (exchange.getRequestURI() + new String(body, StandardCharsets.UTF_8)).contains(marker)) {
                String reason = "request refused by the gateway: Authorization: "
                        + exchange.getRequestHeaders().getFirst("Authorization");
                byte[] error = ("{\"error\": {\"type\": \"security_exception\", \"reason\": \"" + reason
                        + "\"}, \"status\": 400}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(400, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            if (!echoing && new String(body, StandardCharsets.UTF_8).contains(marker)) {
                holding.countDown();
                closed.await(60, TimeUnit.SECONDS);
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(cluster.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : new String[] {"Authorization", "Content-Type", "Accept"}) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SSLContext trusting(ElasticsearchNode node) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = java.nio.file.Files.newInputStream(node.caCertificate())) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
