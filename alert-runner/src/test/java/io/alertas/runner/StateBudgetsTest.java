package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the state may hold is budgeted: a receiver that stays down, a huge message, a rotten or huge state file. */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class StateBudgetsTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension(TestingConfig.WEBHOOK_PATH);

    private RecordingHttpServer slack;
    private TestingConfig config;

    @BeforeEach
    void setUp() {
        config.credentials.remove("email");
        config.writeCredentials();
        config.alerts(Map.of());
    }

    /** An alert that fires on every pass with a message of {@code chars} characters. */
    private void bigMessageAlert(int chars) {
        config.write("alerts.d/big_message.json", """
                {"index": "%s", "media": ["slack"], "throttle_period": "1m",
                 "query": {"size": 0, "query": {"match_all": {}}},
                 "condition": {"path": "hits.total.value", "op": "gt", "value": 0},
                 "params": {"blob": "%s"},
                 "message": "{{params.blob}}"}
                """.formatted(TestingConfig.LOGONS, "x".repeat(chars)));
    }

    @Test
    void aReceiverDownForManyPassesWithAnEightMegabyteMessageKeepsTheStateSmallAndLaterPassesRun() throws Exception {
        bigMessageAlert(8 << 20);
        Instant start = Instant.parse("2026-05-04T10:15:00Z");
        for (int minute = 0; minute < 8; minute++) {
            for (int attempt = 0; attempt < 3; attempt++) {
                slack.respond(503, "service unavailable");
            }
            TestingConfig.Result down = config.run("run", "--now", start.plusSeconds(60L * minute).toString());

            assertEquals(1, down.exit(), down.err());
            assertTrue(down.err().contains("not delivered to slack"), down.err());
            long size = Files.size(config.dir.resolve("throttle_period.json"));
            assertTrue(size < 256 * 1024, "after minute " + minute + " the state holds " + size + " bytes");
        }
        slack.reset();

        TestingConfig.Result back = config.run("run", "--now", start.plusSeconds(60L * 8).toString());

        assertEquals(0, back.exit(), back.err());
        assertTrue(back.out().contains("1 fired, 0 failed; notifications (one per alert and medium): 1 delivered, 1 throttled"), back.out());
        assertEquals(1, slack.requests().size(), "the eight waiting notifications, folded into one");
        assertTrue(slack.requests().get(0).body().contains("Window 2026-05-04T10:13:00Z to 2026-05-04T10:21:00Z"),
                "its window spans the eight passes");
        assertTrue(Files.size(config.dir.resolve("throttle_period.json")) < 256 * 1024);
    }

    @Test
    void aStateLargerThanItsShareOfTheHeapIsSetAsideSaidLoudlyAndThePassDelivers() throws Exception {
        bigMessageAlert(10);
        long size = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8) + 1;
        try (RandomAccessFile file = new RandomAccessFile(config.dir.resolve("throttle_period.json").toFile(), "rw")) {
            file.setLength(size);
        }

        TestingConfig.Result result = config.run("run", "--now", TestingConfig.NOW.toString());

        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains(config.dir.resolve("throttle_period.json") + " is larger than "), result.err());
        assertTrue(result.err().contains("kept it as throttle_period.json.too-large-"), result.err());
        assertTrue(result.out().contains("1 fired, 0 failed; notifications (one per alert and medium): 1 delivered"), result.out());
        assertEquals(1, slack.requests().size());
        assertTrue(config.read("alerts.log").contains("is larger than"));
        try (Stream<Path> files = Files.list(config.dir)) {
            Path aside = files.filter(f -> f.getFileName().toString().startsWith("throttle_period.json.too-large-"))
                    .findFirst().orElseThrow();
            assertEquals(size, Files.size(aside));
        }

        TestingConfig.Result next = config.run("run", "--now", TestingConfig.NOW.plusSeconds(30).toString());
        assertEquals(0, next.exit(), next.err());
        assertEquals(1, slack.requests().size(), "the next pass reads the new state: throttled");
    }

    @Test
    void manyGarbageJournalLinesAreOneWarning() {
        bigMessageAlert(10);
        config.write("throttle_period.json.journal", "not a record\n".repeat(100_000));

        TestingConfig.Result result = config.run("run", "--now", TestingConfig.NOW.toString());

        assertEquals(0, result.exit(), result.err());
        List<String> journal = result.err().lines().filter(l -> l.contains("journal")).toList();
        assertEquals(List.of("warning: throttle_period.json.journal:1, 2, 3, 4, 5 and 99995 more: 100000 deliveries'"
                + " records cannot be read; they may be sent again"), journal);
        assertEquals(1, config.read("alerts.log").lines().filter(l -> l.contains("journal")).count());
        assertFalse(slack.requests().isEmpty());
    }
}
