package io.alertas.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.media.SlackProvider;
import io.alertas.core.internal.operations.DigestPeriod;
import io.alertas.core.internal.operations.Flapping;
import io.alertas.core.internal.operations.Gathering;
import io.alertas.core.internal.operations.Operations;
import io.alertas.core.internal.operations.Schedule;
import io.alertas.core.internal.state.FileStateStore;
import io.alertas.core.internal.state.State;
import io.alertas.core.internal.state.StateStore;
import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.PassReport.Result;
import io.alertas.core.pass.StateLockedException;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Medium;
import io.alertas.spi.Severity;
import io.alertas.testkit.RecordingHttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pass delivers in lanes, one per receiver: receivers at once, beside the pass's own work, each receiver's
 * notifications in order and one at a time, a hung one kept at the deadline; the report is whole when the pass
 * returns. The cluster and the Slack receivers are local HTTP servers.
 */
class LanesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");
    /** How long a receiver waits for another at most: only a failing test waits that long. */
    private static final long BOUND_SECONDS = 10;

    private final List<AutoCloseable> servers = new ArrayList<>();
    private ElasticsearchClient cluster;
    @TempDir
    Path dir;

    @BeforeEach
    void cluster() throws Exception {
        RecordingHttpServer elasticsearch = started(RecordingHttpServer.start());
        elasticsearch.respondByDefault(200, request -> {
            int searches = (int) request.body().lines().filter(line -> !line.isBlank()).count() / 2;
            String firing = "{\"hits\": {\"total\": {\"value\": 1}}}";
            return request.path().equals("/_msearch")
                    ? "{\"responses\": [" + String.join(", ", Collections.nCopies(searches, firing)) + "]}" : firing;
        });
        cluster = ElasticsearchClient.builder(elasticsearch.url("")).searchBatch(50).retries(1, Duration.ZERO).build();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void twoReceiversAreToldAtOnceAndThePassReportsBothWhenItReturns() throws Exception {
        CountDownLatch bTold = new CountDownLatch(1);
        List<Boolean> aSawB = Collections.synchronizedList(new ArrayList<>());
        RecordingHttpServer a = started(RecordingHttpServer.start());
        a.respondByDefault(200, request -> {
            aSawB.add(await(bTold));
            return "ok";
        });
        RecordingHttpServer b = started(RecordingHttpServer.start());
        b.respondByDefault(200, request -> {
            bTold.countDown();
            return "ok";
        });

        PassReport report = master(Map.of("a", slack(a.url("/a")), "b", slack(b.url("/b"))), Duration.ofMinutes(5),
                alert("logons", "a", "b")).run(PassOptions.all().at(NOW));

        assertEquals(List.of(true), aSawB, "receiver b was told while receiver a held its request");
        assertEquals(2, report.count(Result.DELIVERED));
        assertTrue(report.summary().contains("2 delivered, 0 throttled, 0 not delivered"), report.summary());
    }

    @Test
    void aReceiverThatTwoMediaPostToIsToldInOrderAndNeverTwiceAtOnce() throws Exception {
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<String> told = Collections.synchronizedList(new ArrayList<>());
        Set<Integer> connections = ConcurrentHashMap.newKeySet();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", exchange -> {
            most.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            connections.add(exchange.getRemoteAddress().getPort());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            told.add(JSON.readTree(body).path("blocks").path(0).path("text").path("text").asText());
            try {
                Thread.sleep(50); // widens the window in which a second request at once would be seen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            atOnce.decrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        servers.add(() -> receiver.stop(0));
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/services/T0/B0/x");
        Map<String, Medium> media = new LinkedHashMap<>();
        media.put("team", slack(url));
        media.put("ops", slack(url));
        List<Alert> alerts = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            alerts.add(alert("logons-" + i, "team", "ops"));
        }

        PassReport report = master(media, Duration.ofMinutes(5), alerts.toArray(Alert[]::new)).run(PassOptions.all().at(NOW));

        List<String> handedOver = report.alerts().stream().filter(o -> o.status() == PassReport.Status.FIRED)
                .flatMap(o -> java.util.stream.Stream.of(o.alert(), o.alert())).toList();
        assertEquals(handedOver, told.stream().map(title -> title.split(" ")[1]).toList());
        assertEquals(1, most.get(), "requests to the receiver at once");
        assertEquals(8, report.count(Result.DELIVERED));
        assertEquals(2, connections.size(), "each medium keeps its connection alive across its notifications");
    }

    @Test
    void aHungReceiverIsKeptAtTheDeadlineWhileTheOtherIsToldEverything() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingHttpServer hung = started(RecordingHttpServer.start());
        hung.respondByDefault(200, request -> {
            await(release);
            return "ok";
        });
        servers.add(0, release::countDown);
        RecordingHttpServer other = started(RecordingHttpServer.start());

        PassReport report = master(Map.of("hung", slack(hung.url("/h")), "other", slack(other.url("/o"))),
                Duration.ofSeconds(8), alert("one", "hung", "other"), alert("two", "hung", "other"),
                alert("three", "hung", "other")).run(PassOptions.all().at(NOW));

        assertEquals(3, other.requests().size());
        assertEquals(1, hung.requests().size(), "a medium that failed is not tried again in the pass");
        List<PassReport.Delivery> kept = report.deliveries().stream().filter(d -> d.medium().equals("hung")).toList();
        assertEquals(List.of(Result.FAILED, Result.FAILED, Result.FAILED), kept.stream().map(PassReport.Delivery::result).toList());
        assertTrue(kept.get(0).error().startsWith("Slack delivery was interrupted; the pass's time was up"), kept.get(0).error());
        assertEquals(3, report.count(Result.DELIVERED));
        assertEquals(List.of("one", "two", "three"), master(Map.of(), Duration.ofSeconds(8)).stored().pending().stream()
                .map(State.Pending::alert).toList(), "the hung one's notifications are kept");
    }

    @Test
    void aStateSavedWholeWhileAnAlertsDeliveryIsUnderWayStillReadsItsWindowAgain() throws Exception {
        CountDownLatch heldTold = new CountDownLatch(1);
        CountDownLatch savedWhileHeld = new CountDownLatch(1);
        List<Instant> checkpoints = Collections.synchronizedList(new ArrayList<>());
        List<Instant> whileHeld = Collections.synchronizedList(new ArrayList<>());
        StateStore store = wholeSaves(state -> {
            Instant held = state.checkpoint("held").orElse(null);
            checkpoints.add(held);
            if (heldTold.getCount() == 0 && savedWhileHeld.getCount() == 1) {
                whileHeld.add(held);
                savedWhileHeld.countDown();
            }
        });

        PassReport report = heldUntilSaved(store, heldTold, savedWhileHeld, alert("held", "a")).run(PassOptions.all().at(NOW));

        assertEquals(2, report.count(Result.DELIVERED), report.summary());
        Instant first = checkpoints.get(0);
        assertEquals(List.of(first), whileHeld, "the state saved while held's delivery was under way reads its window again");
        assertTrue(checkpoints.get(checkpoints.size() - 1).isAfter(first), "the pass's last save moved its checkpoint");
    }

    @Test
    void aStateSavedWholeWhileADigestIsUnderWayStillHoldsIt() throws Exception {
        CountDownLatch heldTold = new CountDownLatch(1);
        CountDownLatch savedWhileHeld = new CountDownLatch(1);
        List<Boolean> whileHeld = Collections.synchronizedList(new ArrayList<>());
        StateStore store = wholeSaves(state -> {
            if (heldTold.getCount() == 0 && savedWhileHeld.getCount() == 1) {
                whileHeld.add(state.kept().get(Gathering.PART, "held").isPresent());
                savedWhileHeld.countDown();
            }
        });
        Alert held = alert("held", "a");
        held = new Alert(held.name(), held.plugin(), held.jar(), held.description(), held.severity(), held.index(),
                held.method(), held.path(), held.query(), held.throttlePeriod(), held.active(), held.media(), held.params(),
                held.declaredParams(), held.queryDelay(), held.maxCatchup(), held.fireAfter(), held.resolveAfter(),
                held.templates(), held.evaluator(), new Operations(Schedule.EVERY_PASS, Map.of("a", DigestPeriod.SHORTEST),
                        Map.of(), Flapping.NONE));
        AlertMaster master = heldUntilSaved(store, heldTold, savedWhileHeld, held);
        master.run(PassOptions.all().at(NOW));   // gathers held's digest

        PassReport report = master.run(PassOptions.all().at(NOW.plus(Duration.ofHours(1))));   // sends it

        assertEquals(List.of(true), whileHeld, "the state saved while held's digest was under way holds it");
        assertEquals(2, report.count(Result.DELIVERED), report.summary());
    }

    /**
     * A pass of alert "at-once" told on receiver b, and {@code held} on receiver a, which holds its request until
     * {@code store} saved the state once it got it; b answers once a got its request (when it gets one).
     */
    private AlertMaster heldUntilSaved(StateStore store, CountDownLatch heldTold, CountDownLatch savedWhileHeld, Alert held)
            throws Exception {
        RecordingHttpServer a = started(RecordingHttpServer.start());
        a.respondByDefault(200, request -> {
            heldTold.countDown();
            await(savedWhileHeld);
            return "ok";
        });
        AtomicInteger told = new AtomicInteger();
        RecordingHttpServer b = started(RecordingHttpServer.start());
        b.respondByDefault(200, request -> {
            if (told.incrementAndGet() > 1 || held.operations().digests().isEmpty()) {
                await(heldTold);
            }
            return "ok";
        });
        return AlertMaster.builder().cluster(cluster).media(Map.of("a", slack(a.url("/a")), "b", slack(b.url("/b"))))
                .alerts(List.of(alert("at-once", "b"), held)).store(store).passTimeout(Duration.ofMinutes(5)).build();
    }

    /** A store on real files that records a delivery by saving the whole state, as Elasticsearch's does. */
    private StateStore wholeSaves(Consumer<State> saved) {
        StateStore files = new FileStateStore(dir, Clock.fixed(NOW, ZoneOffset.UTC));
        return new StateStore() {
            @Override
            public Lock lock() throws StateLockedException, IOException {
                return files.lock();
            }

            @Override
            public State load() throws IOException {
                return files.load();
            }

            @Override
            public void save(State state) throws IOException {
                saved.accept(state);
                files.save(state);
            }
        };
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private RecordingHttpServer started(RecordingHttpServer server) {
        servers.add(server);
        return server;
    }

    private static Medium slack(URI url) throws Exception {
        return new SlackProvider().create(JSON.createObjectNode().put("webhook_url", url.toString()));
    }

    /** An alert that fires, titled by its name, to {@code media} in that order. */
    private static Alert alert(String name, String... media) {
        return new Alert(name, "test", "test.jar", "", Severity.WARNING, "users", "POST", "/users/_search",
                new QueryTemplate("test", JSON.createObjectNode()), Duration.ofMinutes(30), true, List.of(media),
                JSON.createObjectNode(), Map.of(), Duration.ofMinutes(1), Duration.ofHours(24), 1, 0, Map.of(),
                (response, context) -> Evaluation.fire(name + " fired", List.of(Finding.of("k", name))), Operations.NONE);
    }

    private AlertMaster master(Map<String, Medium> media, Duration passTimeout, Alert... alerts) {
        return AlertMaster.builder().cluster(cluster).alerts(List.of(alerts)).media(media)
                .store(new FileStateStore(dir, Clock.fixed(NOW, ZoneOffset.UTC))).passTimeout(passTimeout)
                .deliveryRetries(1, Duration.ofMillis(1)).build();
    }
}
