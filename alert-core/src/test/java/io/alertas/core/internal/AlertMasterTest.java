package io.alertas.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.secrets.Secrets;
import io.alertas.core.internal.operations.Operations;
import io.alertas.core.internal.state.FileStateStore;
import io.alertas.core.internal.state.State;
import io.alertas.core.internal.state.StateStore;
import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.PassReport.Status;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.StateLockedException;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Evaluator;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Severity;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One pass as a unit: the cluster is a local HTTP server answering as Elasticsearch does, each search with the
 * canned {@link #users}; the medium keeps what it gets. End-to-end passes against a real Elasticsearch, Slack
 * receiver and SMTP server are in alert-runner.
 */
@ExtendWith(RecordingHttpServerExtension.class)
class AlertMasterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");

    private final TestingMedium medium = new TestingMedium();
    private RecordingHttpServer elasticsearch;
    private ElasticsearchClient cluster;
    @TempDir
    Path dir;

    /** What every search finds, read by the server's thread when a search comes in. */
    private volatile String users = "{}";

    @BeforeEach
    void answerUsers() throws Exception {
        elasticsearch.respondByDefault(200, this::answer);
        cluster = ElasticsearchClient.builder(elasticsearch.url("")).searchBatch(50).retries(1, Duration.ZERO).build();
    }

    /** Elasticsearch's answer: to an {@code _msearch} (a header line and a body line per search) one response a search. */
    private String answer(RecordingHttpServer.Request request) {
        if (!request.path().equals("/_msearch")) {
            return users;
        }
        int searches = (int) request.body().lines().filter(line -> !line.isBlank()).count() / 2;
        return "{\"responses\": [" + String.join(", ", Collections.nCopies(searches, users)) + "]}";
    }

    /** Fires one finding per user listed in the response's "users". */
    private static final Evaluator PER_USER = (response, context) -> {
        List<Finding> findings = new java.util.ArrayList<>();
        response.path("users").forEach(u -> findings.add(Finding.of(u.asText(), u.asText() + " logged on")));
        return Evaluation.fire("Users logged on", findings);
    };

    private Alert alert(String name, String index, Evaluator evaluator) {
        return new Alert(name, "test", "test.jar", "", Severity.WARNING, index, "POST", "/" + index + "/_search",
                query("{\"query\": {\"range\": {\"@timestamp\": {\"gte\": \"{{window.start}}\"}}}}"),
                Duration.ofMinutes(30), true, List.of("testing"), JSON.createObjectNode(), Map.of(), Duration.ofMinutes(1),
                Duration.ofHours(24), 1, 0, Map.of(), evaluator, Operations.NONE);
    }

    private AlertMaster master(Alert... alerts) {
        return AlertMaster.builder()
                .cluster(cluster)
                .alerts(List.of(alerts))
                .media(Map.of("testing", medium))
                .store(new FileStateStore(dir, Clock.fixed(NOW, ZoneOffset.UTC)))
                .evaluatorTimeout(Duration.ofMillis(300))
                .deliveryRetries(2, Duration.ofMillis(1))
                .build();
    }

    private static QueryTemplate query(String json) {
        try {
            return new QueryTemplate("test", new ObjectMapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> keys(Notification n) {
        return n.findings().stream().map(Finding::key).toList();
    }

    @Test
    void alertsOfOneJarThatSendTheSameSearchAskTheClusterOnceAndEachEvaluatesTheAnswer() throws Exception {
        users = "{\"users\": [\"alice\"]}";
        Alert other = alert("logons-elsewhere", "users", PER_USER);
        Alert otherJar = new Alert("their-logons", "theirs", "theirs.jar", other.description(), other.severity(),
                other.index(), other.method(), other.path(), other.query(), other.throttlePeriod(), true, other.media(),
                other.params(), other.declaredParams(), other.queryDelay(), other.maxCatchup(), 1, 0, Map.of(), PER_USER,
                Operations.NONE);

        PassReport report = master(alert("logons", "users", PER_USER), other, otherJar).run(PassOptions.all().at(NOW));

        List<String> searchesSent = elasticsearch.requests().stream().filter(r -> r.path().equals("/_msearch"))
                .flatMap(r -> r.body().lines().filter(line -> line.contains("query"))).toList();
        assertEquals(2, searchesSent.size(), "one search for test.jar's two alerts, one for theirs.jar's: " + searchesSent);
        assertEquals(3, report.count(PassReport.Result.DELIVERED));
        assertEquals(3, medium.delivered.size());
    }

    @Test
    void theThrottleWorksPerKeySoOneUserDoesNotSilenceAnother() throws Exception {
        AlertMaster master = master(alert("logons", "users", PER_USER));

        users = "{\"users\": [\"alice\"]}";
        master.run(PassOptions.all().at(NOW));
        users = "{\"users\": [\"alice\", \"bob\"]}";
        PassReport second = master.run(PassOptions.all().at(NOW.plusSeconds(60)));
        users = "{\"users\": [\"alice\", \"bob\"]}";
        PassReport third = master.run(PassOptions.all().at(NOW.plusSeconds(120)));
        PassReport later = master.run(PassOptions.all().at(NOW.plus(Duration.ofMinutes(31))));

        assertEquals(List.of(List.of("alice"), List.of("bob"), List.of("alice", "bob")),
                medium.delivered.stream().map(AlertMasterTest::keys).toList());
        assertEquals(1, second.count(PassReport.Result.DELIVERED));
        assertEquals(1, third.count(PassReport.Result.THROTTLED));
        assertEquals(3, medium.delivered.get(2).suppressed(), "alice fired twice and bob once while throttled");
        assertTrue(later.succeeded());
    }

    @Test
    void aSilenceOfAKeyThatQuotesASecretMutesItsFiringsAndTheStateKeepsNeitherTheKeyNorTheReason() throws Exception {
        String secret = "Tok3n-9f2e-silence";
        AlertMaster master = AlertMaster.builder().cluster(cluster).alerts(List.of(alert("logons", "users", PER_USER)))
                .media(Map.of("testing", medium)).store(new FileStateStore(dir, Clock.fixed(NOW, ZoneOffset.UTC)))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).secrets(Secrets.builder().value(secret).build()).build();
        master.silence("logons", "alice " + secret, NOW.plus(Duration.ofHours(1)), "alice's token " + secret + " is known");

        users = "{\"users\": [\"alice " + secret + "\", \"bob\"]}";
        PassReport pass = master.run(PassOptions.all().at(NOW.plusSeconds(60)));

        assertEquals(List.of(List.of("bob")), medium.delivered.stream().map(AlertMasterTest::keys).toList());
        assertEquals(1, pass.count(PassReport.Result.SILENCED));
        String kept = Files.readString(dir.resolve(FileStateStore.FILE));
        assertTrue(kept.contains("\"key\" : \"alice [secret:") && kept.contains("alice's token [secret] is known"), kept);
        assertFalse(kept.contains(secret), kept);
    }

    /** Counts its passes in its memory, and fails when the response says so. */
    private static final Evaluator COUNTING = (response, context) -> {
        if (response.has("fail")) {
            throw new IllegalStateException("cannot judge");
        }
        long passes = context.memory().path("passes").asLong() + 1;
        return Evaluation.fire("pass " + passes).remembering(JSON.createObjectNode().put("passes", passes));
    };

    @Test
    void anAlertFiringMoreKeysThanItsBudgetTellsTheFirstAndSaysWhatItLeftOut() throws Exception {
        List<Finding> scanned = new ArrayList<>();
        for (int i = 0; i < FiredKeys.MAX + 5; i++) {
            scanned.add(Finding.of("10.0." + (i >> 8) + "." + (i & 255), "scanned"));
        }
        AlertMaster master = master(alert("port_scan", "users", (r, c) -> Evaluation.fire("Hosts scanned", scanned)));

        PassReport report = master.run(PassOptions.all().at(NOW));

        assertEquals(List.of("alert \"port_scan\" fired 10005 keys in one window; told the first 10000 and left out 5,"
                + " which are not sent"), report.warnings());
        assertEquals(1, medium.delivered.size());
        assertEquals(scanned.subList(0, FiredKeys.MAX), medium.delivered.get(0).findings());
    }

    @Test
    void theMemoryMovesWithTheCheckpointOnlyNotInADryRunNorWhenTheAlertFails() throws Exception {
        AlertMaster master = master(alert("counter", "users", COUNTING));

        master.run(PassOptions.all().at(NOW));
        PassReport dry = master.run(PassOptions.all().dryRun(true).at(NOW.plusSeconds(60)));
        users = "{\"fail\": true}";
        master.run(PassOptions.all().at(NOW.plusSeconds(120)));
        users = "{}";
        PassReport last = master.run(PassOptions.all().at(NOW.plusSeconds(180)));

        assertEquals("pass 2", dry.alerts().get(0).evaluation().message(), "a dry run reads the memory");
        assertEquals("pass 2", last.alerts().get(0).evaluation().message(),
                "neither the dry run nor the failed pass moved it");
        State state = new FileStateStore(dir, Clock.fixed(NOW, ZoneOffset.UTC)).load();
        assertEquals(2, state.memory("counter").orElseThrow().path("passes").asInt(), "kept in the state file");
    }

    @Test
    void aThrowingAHangingAndANullEvaluatorFailOnlyTheirOwnAlerts() throws Exception {
        AlertMaster master = master(
                alert("throws", "users", (r, c) -> {
                    throw new IllegalStateException("bug in evaluator");
                }),
                alert("hangs", "users", (r, c) -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Evaluation.quiet();
                }),
                alert("returns_null", "users", (r, c) -> null),
                alert("works", "users", PER_USER));
        users = "{\"users\": [\"alice\"]}";

        PassReport report = master.run(PassOptions.all().at(NOW));

        Map<String, PassReport.AlertOutcome> byName = new java.util.HashMap<>();
        report.alerts().forEach(a -> byName.put(a.alert(), a));
        assertEquals(Status.FAILED, byName.get("throws").status());
        assertTrue(byName.get("throws").error().contains("IllegalStateException: bug in evaluator"));
        assertEquals("evaluator did not finish within 300 ms", byName.get("hangs").error());
        assertTrue(byName.get("returns_null").error().startsWith("evaluator returned null"));
        assertEquals(Status.FIRED, byName.get("works").status());
        assertEquals(1, medium.delivered.size());
        assertTrue(!report.succeeded());
    }

    @Test
    void aFailedDeliveryIsKeptAndTheWindowMovesOnlyPastWhatWasEvaluated() throws Exception {
        AlertMaster master = master(alert("logons", "users", PER_USER));
        users = "{\"users\": [\"alice\"]}";
        medium.failing = true;

        PassReport failed = master.run(PassOptions.all().at(NOW));
        medium.failing = false;
        users = "{}";
        PassReport retried = master.run(PassOptions.all().at(NOW.plusSeconds(60)));

        assertEquals(1, failed.count(PassReport.Result.FAILED));
        assertEquals(1, retried.count(PassReport.Result.DELIVERED));
        assertEquals(List.of(List.of("alice")), medium.delivered.stream().map(AlertMasterTest::keys).toList());
        assertEquals(NOW.minusSeconds(120), medium.delivered.get(0).window().start());
    }

    @Test
    void windowsFollowOnFromTheLastCheckpointSoASkippedMinuteIsRead() throws Exception {
        AlertMaster master = master(alert("logons", "users", PER_USER));

        PassReport first = master.run(PassOptions.all().at(NOW));
        PassReport afterAGap = master.run(PassOptions.all().at(NOW.plusSeconds(180)));

        assertEquals(NOW.minusSeconds(60), first.alerts().get(0).window().end());
        assertEquals(NOW.minusSeconds(60), afterAGap.alerts().get(0).window().start());
        assertEquals(NOW.plusSeconds(120), afterAGap.alerts().get(0).window().end());
    }

    @Test
    void aFailedFirstPassKeepsItsWindowForTheNext() throws Exception {
        AlertMaster master = master(alert("logons", "users", PER_USER));
        elasticsearch.respond(503, "{\"error\": {\"type\": \"cluster_unreachable\", \"reason\": \"cluster unreachable\"}}");
        users = "{\"users\": [\"alice\"]}";

        PassReport failed = master.run(PassOptions.all().at(NOW));
        PassReport next = master.run(PassOptions.all().at(NOW.plusSeconds(60)));

        assertEquals(Status.FAILED, failed.alerts().get(0).status());
        assertEquals(NOW.minusSeconds(120), next.alerts().get(0).window().start(), "the first window is read again");
        assertEquals(1, medium.delivered.size());
    }

    @Test
    void afterALongOutageTheCatchUpIsCappedAndSaid() throws Exception {
        AlertMaster master = master(alert("logons", "users", PER_USER));
        master.run(PassOptions.all().at(NOW));

        PassReport late = master.run(PassOptions.all().at(NOW.plus(Duration.ofHours(30))));

        assertEquals(Duration.ofHours(24), late.alerts().get(0).window().length());
        assertTrue(late.warnings().get(0).startsWith("alert \"logons\": catch-up capped at max_catchup"), late.warnings().get(0));
    }

    @Test
    void aNotificationUndeliveredForADayIsDroppedAndSaid() throws Exception {
        AlertMaster master = master(alert("logons", "users", PER_USER));
        users = "{\"users\": [\"alice\"]}";
        medium.failing = true;
        master.run(PassOptions.all().at(NOW));
        users = "{}";

        PassReport stillFailing = master.run(PassOptions.all().at(NOW.plus(Duration.ofHours(23))));
        PassReport dayLater = master.run(PassOptions.all().at(NOW.plus(Duration.ofHours(25))));

        assertEquals(1, stillFailing.count(PassReport.Result.FAILED), "kept and tried again within the day");
        assertEquals(1, dayLater.count(PassReport.Result.DROPPED));
        assertTrue(dayLater.failures().get(0).startsWith("alert \"logons\" dropped for testing: not delivered since "),
                dayLater.failures().get(0));
        assertTrue(!dayLater.succeeded());
        assertTrue(medium.delivered.isEmpty());
    }

    @Test
    void aDryRunSendsNothingAndKeepsNoState() throws Exception {
        AlertMaster master = master(alert("logons", "users", PER_USER));
        users = "{\"users\": [\"alice\"]}";

        PassReport dry = master.run(PassOptions.all().dryRun(true).at(NOW));
        PassReport real = master.run(PassOptions.all().only(Set.of("logons")).at(NOW));

        assertEquals(1, dry.count(PassReport.Result.DRY_RUN));
        assertEquals(1, real.count(PassReport.Result.DELIVERED), "the dry run throttled nothing");
        assertEquals(real.alerts().get(0).window(), dry.alerts().get(0).window(), "nor moved the window");
    }

    @Test
    void whenTheStateCannotBeWrittenAfterADeliveryNothingMoreIsSentAndTheNextPassCatchesUp() throws Exception {
        TestingStore store = new TestingStore(new FileStateStore(dir, Clock.fixed(NOW, ZoneOffset.UTC)));
        AlertMaster master = AlertMaster.builder().cluster(cluster).media(Map.of("testing", medium)).store(store)
                .alerts(List.of(alert("first", "users", PER_USER), alert("second", "users", PER_USER))).build();
        users = "{\"users\": [\"alice\"]}";
        store.failAfter = 1;

        PassReport full = master.run(PassOptions.all().at(NOW));

        assertEquals(1, medium.delivered.size(), "the first delivery went out; its record did not, so no other is sent");
        assertEquals(List.of("alert \"second\" not delivered to testing: not sent: the state could not be written"
                + " (disk full); the next pass tries again", "the state was not written: disk full; the next pass reads"
                + " again the windows this one could not record"), full.failures());
        assertTrue(!full.succeeded());

        store.failAfter = Integer.MAX_VALUE;
        PassReport next = master.run(PassOptions.all().at(NOW.plusSeconds(60)));

        assertTrue(next.succeeded(), next.failures().toString());
        assertEquals(List.of("first", "first", "second"), medium.delivered.stream().map(Notification::alert).toList(),
                "the unrecorded delivery is repeated once (at least once), the unsent one caught up");
    }

    @Test
    void notificationsKeptWhileTheMediumWasDownAreToldOnceFoldedTogether() throws Exception {
        AlertMaster master = master(alert("logons", "users", PER_USER));
        medium.failing = true;
        users = "{\"users\": [\"alice\"]}";
        master.run(PassOptions.all().at(NOW));
        users = "{\"users\": [\"bob\"]}";
        master.run(PassOptions.all().at(NOW.plusSeconds(60)));
        medium.failing = false;
        users = "{}";

        PassReport back = master.run(PassOptions.all().at(NOW.plusSeconds(120)));

        assertEquals(1, back.count(PassReport.Result.DELIVERED), back.failures().toString());
        assertEquals(List.of(List.of("bob", "alice")), medium.delivered.stream().map(AlertMasterTest::keys).toList());
        assertEquals("Users logged on: bob, alice\n(with 1 earlier notification not delivered folded in)",
                medium.delivered.get(0).message());
    }

    /** A store on real files whose saves fail, like a filling disk, after {@code failAfter} of them. */
    private static final class TestingStore implements StateStore {
        private final StateStore files;
        private int failAfter = Integer.MAX_VALUE;

        TestingStore(StateStore files) {
            this.files = files;
        }

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
            if (failAfter-- <= 0) {
                throw new IOException("disk full");
            }
            files.save(state);
        }
    }
}
