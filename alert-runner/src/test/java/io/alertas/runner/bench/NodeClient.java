package io.alertas.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.testkit.ElasticsearchNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Sigma benchmark's own HTTP client of a test node, for what the testkit's JSON requests do not carry:
 * newline-delimited bodies ({@code _bulk}, {@code _msearch}), sent asynchronously, over TLS trusting the node's CA.
 */
final class NodeClient {

    private final URI url;
    private final HttpClient client;
    private final String authorization;

    /** A client of {@code url} trusting the CA in {@code ca}, as {@code user}. */
    NodeClient(URI url, Path ca, String user, String password) throws Exception {
        this.url = url;
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(ca)) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        this.client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A client of a test node, as its superuser. */
    static NodeClient of(ElasticsearchNode node) throws Exception {
        return new NodeClient(node.url(), node.caCertificate(), ElasticsearchNode.USERNAME, ElasticsearchNode.PASSWORD);
    }

    /** POSTs an ndjson body to {@code path}; the answer, or a failure saying the status and the answer's start. */
    CompletableFuture<JsonNode> ndjson(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(url.resolve(path))
                .header("Authorization", authorization).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            String start = new String(response.body(), 0, Math.min(2000, response.body().length), StandardCharsets.UTF_8);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " failed with " + response.statusCode() + ": " + start);
            }
            try {
                return WinlogbeatEvents.JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(path + " answered no JSON: " + start, e);
            }
        });
    }
}
