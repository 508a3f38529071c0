package io.alertas.core.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.core.pass.StateLockedException;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");

    @TempDir
    Path dir;

    private FileStateStore store() {
        return new FileStateStore(dir, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void whatIsSavedIsLoadedBack() throws Exception {
        State state = new State();
        state.checkpoint("privileged_logon", NOW.minusSeconds(60));
        state.delivered("privileged_logon", "slack", "alice", NOW.minusSeconds(120));
        state.suppress("privileged_logon", "slack", "alice");
        Notification waiting = Notification.builder("filesystem_usage", Severity.WARNING, "1 filesystem is full",
                        Window.of(NOW.minusSeconds(120), NOW.minusSeconds(60)), NOW)
                .findings(List.of(Finding.of("web-01:/", "95.1% used"))).suppressed(2)
                .cluster("https://es.example.com:9200").link("https://kibana.example.com/app/discover#/").build();
        state.queue(new State.Pending("email", waiting, "Privileged accounts logged on", NOW, 3, "SMTP delivery failed"));

        store().save(state);
        State loaded = store().load();

        assertEquals(NOW.minusSeconds(60), loaded.checkpoint("privileged_logon").orElseThrow());
        assertTrue(loaded.throttled("privileged_logon", "slack", "alice", Duration.ofMinutes(30), NOW));
        assertFalse(loaded.throttled("privileged_logon", "email", "alice", Duration.ofMinutes(30), NOW));
        assertFalse(loaded.throttled("privileged_logon", "slack", "bob", Duration.ofMinutes(30), NOW));
        assertEquals(1, loaded.suppressed("privileged_logon", "slack", "alice"));
        assertEquals(List.of(new State.Pending("email", waiting, "Privileged accounts logged on", NOW, 3, "SMTP delivery failed")), loaded.pending());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(FileStateStore.FILE), files.map(f -> f.getFileName().toString()).toList(),
                    "no temp file is left behind");
        }
    }

    @Test
    void deliveriesRecordedSinceTheLastWholeWriteAreReadBackAndTheNextWholeWriteTakesThemIn() throws Exception {
        State state = new State();
        state.checkpoint("privileged_logon", NOW.minusSeconds(60));
        Notification failed = Notification.builder("filesystem_usage", Severity.WARNING, "1 filesystem is full",
                Window.of(NOW.minusSeconds(120), NOW.minusSeconds(60)), NOW).build();
        State.Pending waiting = new State.Pending("email", failed, "Filesystems full", NOW, 1, "SMTP delivery failed");
        state.queue(waiting);
        store().save(state);

        state.delivered("privileged_logon", "slack", "alice", NOW);
        state.delivered("privileged_logon", "slack", "bob", NOW);
        store().saveDelivery(state, "privileged_logon", "slack", List.of("alice", "bob"));
        state.dequeue(waiting);
        state.delivered("filesystem_usage", "email", "web-01:/", NOW);
        store().saveDelivery(state, "filesystem_usage", "email", List.of("web-01:/"));
        Files.writeString(dir.resolve(FileStateStore.JOURNAL), "{\"alert\": \"privileged_logon\", \"medi",
                StandardOpenOption.APPEND);   // the process died while appending a third

        State loaded = store().load();
        assertTrue(loaded.throttled("privileged_logon", "slack", "alice", Duration.ofMinutes(30), NOW));
        assertTrue(loaded.throttled("privileged_logon", "slack", "bob", Duration.ofMinutes(30), NOW));
        assertTrue(loaded.throttled("filesystem_usage", "email", "web-01:/", Duration.ofMinutes(30), NOW));
        assertEquals(List.of(), loaded.pending(), "the delivered notification left the queue");
        assertEquals(NOW.minusSeconds(60), loaded.checkpoint("privileged_logon").orElseThrow());
        assertEquals(List.of(FileStateStore.JOURNAL + ":3: a delivery's record cannot be read; it may be sent again"),
                loaded.warnings());

        store().save(loaded);
        assertFalse(Files.exists(dir.resolve(FileStateStore.JOURNAL)), "a whole write takes the journal in");
        assertTrue(store().load().throttled("privileged_logon", "slack", "bob", Duration.ofMinutes(30), NOW));
    }

    @Test
    void theSeedsCountdownKeepsAnAlertQuietForTheMinutesLeft() throws Exception {
        Files.writeString(dir.resolve(FileStateStore.FILE), "{\"privileged_logon\": 11, \"filesystem_usage\": 1}");
        Files.setLastModifiedTime(dir.resolve(FileStateStore.FILE), FileTime.from(NOW));

        State state = store().load();

        assertTrue(state.throttled("privileged_logon", "slack", "", Duration.ZERO, NOW.plusSeconds(9 * 60)));
        assertFalse(state.throttled("privileged_logon", "slack", "", Duration.ZERO, NOW.plusSeconds(10 * 60)));
        assertFalse(state.throttled("filesystem_usage", "slack", "", Duration.ZERO, NOW));
    }

    @Test
    void aCorruptFileIsKeptAsideAndThePassStartsFresh() throws Exception {
        Files.writeString(dir.resolve(FileStateStore.FILE), "{\"format\": 1, \"checkpoints\": {\"x\": 42");

        State state = store().load();

        assertTrue(state.checkpoints().isEmpty());
        Path aside = dir.resolve(FileStateStore.FILE + ".corrupt-20260504T101500Z");
        assertEquals("{\"format\": 1, \"checkpoints\": {\"x\": 42", Files.readString(aside));
        assertTrue(state.setAside().orElseThrow().contains("kept it as " + aside.getFileName()), state.setAside().toString());
    }

    @Test
    void aStateLargerThanItsShareOfTheHeapIsSetAsideUnreadAndThePassStartsFresh() throws Exception {
        long size = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8) + 1;
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve(FileStateStore.FILE).toFile(), "rw")) {
            file.setLength(size);   // sparse: nothing is written, and the store must not read it
        }

        State state = store().load();

        Path aside = dir.resolve(FileStateStore.FILE + ".too-large-20260504T101500Z");
        assertEquals(size, Files.size(aside), "set aside whole, to be inspected");
        assertFalse(Files.exists(dir.resolve(FileStateStore.FILE)));
        assertTrue(state.checkpoints().isEmpty());
        String why = state.setAside().orElseThrow();
        assertTrue(why.startsWith(dir.resolve(FileStateStore.FILE) + " is larger than "), why);
        assertTrue(why.contains("kept it as " + aside.getFileName() + " and started with empty state: throttles are"
                + " forgotten, so a notification may be repeated"), why);
    }

    @Test
    void aJournalLargerThanTheStatesShareOfTheHeapIsSetAsideAndTheStateKept() throws Exception {
        State state = new State();
        state.checkpoint("privileged_logon", NOW.minusSeconds(60));
        store().save(state);
        long size = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8) + 1;
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve(FileStateStore.JOURNAL).toFile(), "rw")) {
            file.setLength(size);
        }

        State loaded = store().load();

        assertEquals(NOW.minusSeconds(60), loaded.checkpoint("privileged_logon").orElseThrow());
        assertEquals(size, Files.size(dir.resolve(FileStateStore.JOURNAL + ".too-large-20260504T101500Z")));
        assertTrue(loaded.setAside().orElseThrow().endsWith("and went on without it: the deliveries it recorded may"
                + " be sent again"), loaded.setAside().toString());
    }

    @Test
    void manyUnreadableJournalLinesAreOneWarningThatNamesTheFirstAndCountsTheRest() throws Exception {
        Files.writeString(dir.resolve(FileStateStore.JOURNAL), "garbage {\n".repeat(100_000));

        State state = store().load();

        assertEquals(List.of(FileStateStore.JOURNAL + ":1, 2, 3, 4, 5 and 99995 more: 100000 deliveries' records"
                + " cannot be read; they may be sent again"), state.warnings());
    }

    @Test
    void poisonedEntriesAreDroppedOrClampedWithAWarningAndTheRestIsKept() throws Exception {
        Files.writeString(dir.resolve(FileStateStore.FILE), """
                {"format": 1,
                 "checkpoints": {"far": "9999-01-01T00:00:00Z", "ok": "2026-05-04T10:10:00Z", "bad": 42},
                 "throttles": {"a": {"slack": {
                   "huge": {"delivered_at": "+1000000000-12-31T23:59:59Z", "suppressed": 2147483647},
                   "beyond": {"delivered_at": "2026-05-04T10:00:00Z", "suppressed": 99999999999999},
                   "negative": {"delivered_at": "2026-05-04T10:00:00Z", "suppressed": -3},
                   "fine": {"delivered_at": "2026-05-04T10:00:00Z", "suppressed": 2}}}},
                 "pending": [{"medium": "slack", "first_failed_at": "yesterday"}]}
                """);

        long started = System.nanoTime();
        State state = store().load();
        state.passAt(NOW);
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "a huge count is read as a number, not counted up");

        assertEquals(NOW, state.checkpoint("far").orElseThrow(), "a checkpoint from the future reads from now");
        assertEquals(Instant.parse("2026-05-04T10:10:00Z"), state.checkpoint("ok").orElseThrow());
        assertTrue(state.checkpoint("bad").isEmpty());
        assertTrue(state.throttled("a", "slack", "huge", Duration.ofMinutes(30), NOW.plusSeconds(60)));
        assertFalse(state.throttled("a", "slack", "huge", Duration.ofMinutes(30), NOW.plus(Duration.ofMinutes(31))),
                "a delivery from the future counts from now, so the alert is not silent for ever");
        assertEquals(Integer.MAX_VALUE, state.suppressed("a", "slack", "beyond"));
        state.suppress("a", "slack", "huge");
        assertEquals(Integer.MAX_VALUE, state.suppressed("a", "slack", "huge"), "the count stops at its largest");
        assertEquals(2, state.suppressed("a", "slack", "fine"));
        assertFalse(state.throttles().get("a").get("slack").containsKey("negative"));
        assertTrue(state.pending().isEmpty());
        String warnings = String.join("\n", state.warnings());
        assertTrue(warnings.contains("alert \"far\": its checkpoint 9999-01-01T00:00:00Z is after this pass"), warnings);
        assertTrue(warnings.contains("alert \"a\", key \"huge\" on slack: delivered at"), warnings);
        assertTrue(warnings.contains("alert \"a\", key \"negative\" on slack cannot be read (\"suppressed\" is negative)"),
                warnings);
        assertTrue(warnings.contains("alert \"bad\": checkpoint cannot be read"), warnings);
        assertTrue(warnings.contains("a notification of alert \"\" waiting for slack cannot be read"), warnings);
        assertEquals(5, state.warnings().size(), warnings);
    }

    @Test
    void impossiblePassCountsAreADroppedEntryWithAWarningAndTheNextPassCountsOn() throws Exception {
        Files.writeString(dir.resolve(FileStateStore.FILE), """
                {"format": 1, "passes": {
                  "negative": {"runner": "negative", "at": "2026-05-04T10:00:00Z", "passes": -1000000, "failed": 0},
                  "more-failed": {"runner": "more-failed", "at": "2026-05-04T10:00:00Z", "passes": 2, "failed": 3},
                  "beyond": {"runner": "beyond", "at": "2026-05-04T10:00:00Z", "passes": 9223372036854775807},
                  "took-back": {"runner": "took-back", "at": "2026-05-04T10:00:00Z", "took_ms": -5, "passes": 1},
                  "fraction": {"runner": "fraction", "at": "2026-05-04T10:00:00Z", "passes": 1.5},
                  "fine": {"runner": "fine", "at": "2026-05-04T10:00:00Z", "took_ms": 5, "passes": 7, "failed": 2}}}
                """);

        State state = store().load();

        assertEquals(List.of("fine"), List.copyOf(state.passes().keySet()));
        assertEquals(7, state.passes().get("fine").passes());
        String warnings = String.join("\n", state.warnings());
        assertTrue(warnings.contains("the last pass of negative cannot be read (\"passes\" is negative)"), warnings);
        assertTrue(warnings.contains("of 2 passes, 3 failed"), warnings);
        assertTrue(warnings.contains("\"passes\" is beyond"), warnings);
        assertTrue(warnings.contains("\"took_ms\" is negative"), warnings);
        assertTrue(warnings.contains("\"passes\" must be a whole number"), warnings);
        assertEquals(5, state.warnings().size(), warnings);
    }

    @Test
    void throttlesAndCheckpointsNotRenewedForThirtyDaysArePruned() throws Exception {
        State state = new State();
        for (int i = 0; i < 1000; i++) {
            state.delivered("spray", "slack", "10.0.0." + i, NOW.minus(Duration.ofDays(31)));
        }
        state.delivered("spray", "slack", "recent", NOW.minus(Duration.ofDays(29)));
        state.checkpoint("retired", NOW.minus(Duration.ofDays(40)));
        state.checkpoint("running", NOW.minusSeconds(60));
        state.passAt(NOW);
        store().save(state);

        State read = store().load();
        assertEquals(List.of("recent"), List.copyOf(read.throttles().get("spray").get("slack").keySet()));
        assertEquals(List.of("running"), List.copyOf(read.checkpoints().keySet()));
    }

    @Test
    void aStateThatIsAFifoIsRefusedByNameWithoutBlocking() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve(FileStateStore.FILE).toString()).start();
        assertEquals(0, mkfifo.waitFor());

        IOException fifo = assertThrows(IOException.class, () -> store().load());
        assertEquals(dir.resolve(FileStateStore.FILE) + " is a FIFO, socket or device, not a regular file", fifo.getMessage());
    }

    @Test
    @SuppressWarnings("try")
    void aSecondLockOnTheSameDirectoryIsRefusedUntilTheFirstIsReleased() throws Exception {
        try (StateStore.Lock first = store().lock()) {
            assertThrows(StateLockedException.class, () -> store().lock());
        }
        try (StateStore.Lock again = store().lock()) {
            assertTrue(Files.exists(dir.resolve(".alertas.lock")));
        }
    }
}
