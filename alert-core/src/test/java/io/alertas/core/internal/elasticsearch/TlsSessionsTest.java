package io.alertas.core.internal.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.alertas.core.internal.media.TestingTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many full TLS handshakes the client makes, against a local HTTPS server that counts its connections and the
 * times it presents its certificate (a full handshake; a resumed session presents none).
 */
class TlsSessionsTest {

    @TempDir
    static Path dir;
    private static TestingTls tls;
    private static HttpsServer server;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static final AtomicInteger FULL_HANDSHAKES = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        tls = TestingTls.make(dir);
        server = serving(TlsSessionsTest::answer);
    }

    /** A local HTTPS server counting its connections and full handshakes, its requests handled by {@code handler}. */
    private static HttpsServer serving(HttpHandler handler) throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        https.setHttpsConfigurator(new HttpsConfigurator(counting()) {
            @Override
            public void configure(HttpsParameters params) {
                CONNECTIONS.incrementAndGet();
                super.configure(params);
            }
        });
        https.createContext("/", handler);
        https.setExecutor(Executors.newCachedThreadPool());
        https.start();
        return https;
    }

    /** An {@code _msearch} answer of one search that found nothing. */
    private static void answer(HttpExchange exchange) throws IOException {
        byte[] body = "{\"responses\": [{\"hits\": {\"hits\": []}}]}".getBytes(StandardCharsets.UTF_8);
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void concurrentBatchesOpenTheirConnectionsOneAfterAnotherAndResumeTheFirstOnesSession() throws Exception {
        ElasticsearchClient client = ElasticsearchClient.builder(URI.create("https://localhost:" + server.getAddress().getPort()))
                .caCertificate(tls.certificate()).build();
        CONNECTIONS.set(0);
        FULL_HANDSHAKES.set(0);
        send(client, 16, 8);

        assertTrue(CONNECTIONS.get() > 1, "the batches went on " + CONNECTIONS.get() + " connection(s), not at once");
        assertTrue(FULL_HANDSHAKES.get() < CONNECTIONS.get(), FULL_HANDSHAKES.get() + " full handshakes on "
                + CONNECTIONS.get() + " connections: none resumed the session of another");
    }

    @Test
    void batchesWhoseAnswersAreSlowAllReachTheClusterWhileTheFirstIsUnanswered() throws Exception {
        int batches = 4;
        CountDownLatch received = new CountDownLatch(batches);
        AtomicLong reachedWhileFirstHeld = new AtomicLong(batches);
        // Like an _msearch whose searches run long: no answer, not even its headers, until every batch has come
        // (or 10 s, far above the client's wait for a connection being opened).
        HttpsServer slow = serving(exchange -> {
            received.countDown();
            hold(received);
            if (received.getCount() > 0) {
                reachedWhileFirstHeld.accumulateAndGet(batches - received.getCount(), Math::min);
            }
            answer(exchange);
        });
        try {
            URI url = URI.create("https://localhost:" + slow.getAddress().getPort());
            send(ElasticsearchClient.builder(url).caCertificate(tls.certificate()).build(), batches, batches);
        } finally {
            slow.stop(0);
        }

        assertEquals(batches, reachedWhileFirstHeld.get(), reachedWhileFirstHeld.get() + " of " + batches
                + " batches reached the server while the first was held unanswered: the others waited for its answer"
                + " to open their connections");
    }

    @Test
    void afterAnOpeningRequestTimedOutLaterBatchesStillResumeSessions() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        HttpsServer holdingTheFirst = serving(exchange -> {
            if (first.getAndSet(false)) {
                hold(released);
            }
            answer(exchange);
        });
        try {
            URI url = URI.create("https://localhost:" + holdingTheFirst.getAddress().getPort());
            ElasticsearchClient client = ElasticsearchClient.builder(url).caCertificate(tls.certificate())
                    .timeout(Duration.ofSeconds(1)).build();
            assertThrows(ElasticsearchException.class,
                    () -> client.msearch(List.of(new ElasticsearchClient.Search("logs-*", null))));
            released.countDown();
            CONNECTIONS.set(0);
            FULL_HANDSHAKES.set(0);
            send(client, 16, 8);
        } finally {
            released.countDown();
            holdingTheFirst.stop(0);
        }

        // All at once, as when the timeout turned the one-after-another opening off, one connection at most
        // resumes the session in the client's cache; the others make full handshakes.
        assertTrue(FULL_HANDSHAKES.get() < CONNECTIONS.get() - 1, FULL_HANDSHAKES.get() + " full handshakes on "
                + CONNECTIONS.get() + " connections after a request timed out: they were opened all at once");
    }

    /** Sends {@code batches} searches, each in its own {@code _msearch}, from {@code threads} threads at once. */
    private static void send(ElasticsearchClient client, int batches, int threads) throws Exception {
        ExecutorService sending = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                sent.add(sending.submit(() -> client.msearch(List.of(new ElasticsearchClient.Search("logs-*", null)))));
            }
            for (Future<?> batch : sent) {
                batch.get();
            }
        } finally {
            sending.shutdownNow();
        }
    }

    /** The server holds a request until {@code latch} opens, or for 10 s. */
    private static void hold(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server's TLS, counting the full handshakes: those for which it chooses its certificate. */
    private static SSLContext counting() throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            keys.load(in, TestingTls.PASSWORD.toCharArray());
        }
        factory.init(keys, TestingTls.PASSWORD.toCharArray());
        X509ExtendedKeyManager real = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
        SSLContext counting = SSLContext.getInstance("TLS");
        counting.init(new KeyManager[] {new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                String alias = real.chooseEngineServerAlias(keyType, issuers, engine);
                if (alias != null) {
                    FULL_HANDSHAKES.incrementAndGet();
                }
                return alias;
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return real.getClientAliases(keyType, issuers);
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return real.chooseClientAlias(keyType, issuers, socket);
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return real.getServerAliases(keyType, issuers);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return real.chooseServerAlias(keyType, issuers, socket);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return real.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return real.getPrivateKey(alias);
            }
        }}, null, null);
        return counting;
    }
}
