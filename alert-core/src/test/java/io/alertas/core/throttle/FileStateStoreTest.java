package io.alertas.core.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.core.spi.Finding;
import io.alertas.core.spi.Notification;
import io.alertas.core.spi.Severity;
import io.alertas.core.spi.Window;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Notification waiting = new Notification("filesystem_usage", Severity.WARNING, "1 filesystem is full",
                List.of(new Finding("web-01:/", "95.1% used")), new Window(NOW.minusSeconds(120), NOW.minusSeconds(60)),
                2, "https://es.example.com:9200", NOW, "https://kibana.example.com/app/discover#/");
        state.queue(new State.Pending("email", waiting, NOW, 3, "SMTP delivery failed"));

        store().save(state);
        State loaded = store().load();

        assertEquals(NOW.minusSeconds(60), loaded.checkpoint("privileged_logon").orElseThrow());
        assertTrue(loaded.throttled("privileged_logon", "slack", "alice", Duration.ofMinutes(30), NOW));
        assertFalse(loaded.throttled("privileged_logon", "email", "alice", Duration.ofMinutes(30), NOW));
        assertFalse(loaded.throttled("privileged_logon", "slack", "bob", Duration.ofMinutes(30), NOW));
        assertEquals(1, loaded.suppressed("privileged_logon", "slack", "alice"));
        assertEquals(List.of(new State.Pending("email", waiting, NOW, 3, "SMTP delivery failed")), loaded.pending());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(FileStateStore.FILE), files.map(f -> f.getFileName().toString()).toList(),
                    "no temp file is left behind");
        }
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
        assertTrue(state.warning().orElseThrow().contains("kept it as " + aside.getFileName()), state.warning().get());
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
