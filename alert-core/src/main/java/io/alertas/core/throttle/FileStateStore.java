package io.alertas.core.throttle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the state in {@code throttle_period.json} of the config directory, the seed's file, written
 * atomically (temp file, fsync, rename). Also reads the seed's {@code {"alert": minutes}} form. A file
 * that cannot be read is kept aside as {@code throttle_period.json.corrupt-<time>} and the pass starts
 * fresh. The lock is an OS file lock on {@code .alertas.lock}, released by the OS if the process dies.
 */
public final class FileStateStore implements StateStore {

    public static final String FILE = "throttle_period.json";
    static final String LOCK = ".alertas.lock";
    private static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(FileStateStore.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;

    public FileStateStore(Path dir, Clock clock) {
        this.dir = requireNonNull(dir, "dir is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Lock lock() throws StateLockedException, IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new StateLockedException("another pass holds the lock " + dir.resolve(LOCK));
        }
        channel.truncate(0).write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes()));
        FileLock held = lock;
        return () -> {
            held.release();
            channel.close();
        };
    }

    @Override
    public State load() throws IOException {
        Path file = dir.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new State();
        }
        try {
            return parse(JSON.readTree(bytes), Files.getLastModifiedTime(file).toInstant());
        } catch (JsonProcessingException | RuntimeException e) {
            Path aside = dir.resolve(FILE + ".corrupt-" + STAMP.format(clock.instant()));
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            String warning = file + " could not be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "); kept it as " + aside.getFileName() + " and started with empty state:"
                    + " throttles and pending deliveries are forgotten";
            LOG.error(warning, e);
            State state = new State();
            state.warning(warning);
            return state;
        }
    }

    @Override
    public void save(State state) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(write(state));
        Path target = dir.resolve(FILE);
        Path temp = Files.createTempFile(dir, FILE, ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(bytes));
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename itself is still atomic
        }
    }

    private static State parse(JsonNode root, Instant modified) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("the state must be a JSON object");
        }
        State state = new State();
        if (!root.has("format")) {
            readSeedForm(root, modified, state);
            return state;
        }
        root.path("checkpoints").fields().forEachRemaining(e -> state.checkpoint(e.getKey(), StateJson.instant(e.getValue())));
        root.path("quiet_until").fields().forEachRemaining(e -> state.quietUntil(e.getKey(), StateJson.instant(e.getValue())));
        root.path("throttles").fields().forEachRemaining(alert ->
                alert.getValue().fields().forEachRemaining(medium ->
                        medium.getValue().fields().forEachRemaining(key -> {
                            JsonNode t = key.getValue();
                            state.delivered(alert.getKey(), medium.getKey(), key.getKey(), StateJson.instant(t.get("delivered_at")));
                            for (int i = 0; i < t.path("suppressed").asInt(); i++) {
                                state.suppress(alert.getKey(), medium.getKey(), key.getKey());
                            }
                        })));
        for (JsonNode p : root.path("pending")) {
            state.queue(new State.Pending(p.get("medium").asText(), StateJson.notification(p.get("notification")),
                    StateJson.instant(p.get("first_failed_at")), p.path("attempts").asInt(), p.path("last_error").asText()));
        }
        return state;
    }

    /**
     * The seed counted down minutes per alert, once a minute; 1 meant "may fire". A value N above 1 is read
     * as "quiet for N - 1 more minutes from when the file was written", on every medium.
     */
    private static void readSeedForm(JsonNode root, Instant modified, State state) {
        root.fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("\"" + e.getKey() + "\" must be a number of minutes");
            }
            long minutesLeft = e.getValue().asLong() - 1;
            if (minutesLeft > 0) {
                state.quietUntil(e.getKey(), modified.plus(Duration.ofMinutes(minutesLeft)));
            }
        });
    }

    private static ObjectNode write(State state) {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
        ObjectNode checkpoints = root.putObject("checkpoints");
        state.checkpoints().forEach((alert, end) -> checkpoints.put(alert, end.toString()));
        ObjectNode quiet = root.putObject("quiet_until");
        state.quietUntil().forEach((alert, until) -> quiet.put(alert, until.toString()));
        ObjectNode throttles = root.putObject("throttles");
        state.throttles().forEach((alert, media) -> {
            ObjectNode byMedium = throttles.putObject(alert);
            media.forEach((medium, keys) -> {
                ObjectNode byKey = byMedium.putObject(medium);
                keys.forEach((key, t) -> byKey.putObject(key)
                        .put("delivered_at", t.deliveredAt().toString())
                        .put("suppressed", t.suppressed()));
            });
        });
        ArrayNode pending = root.putArray("pending");
        for (State.Pending p : state.pending()) {
            ObjectNode entry = pending.addObject()
                    .put("medium", p.medium())
                    .put("first_failed_at", p.firstFailedAt().toString())
                    .put("attempts", p.attempts())
                    .put("last_error", p.lastError());
            entry.set("notification", StateJson.notification(p.notification()));
        }
        return root;
    }
}
