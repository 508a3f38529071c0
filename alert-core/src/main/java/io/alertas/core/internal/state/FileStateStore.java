package io.alertas.core.internal.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.files.HeapShare;
import io.alertas.core.internal.files.RegularFiles;
import io.alertas.core.pass.StateLockedException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the state in {@code throttle_period.json} of the config directory, the seed's file, written
 * atomically (temp file, fsync, rename). Also reads the seed's {@code {"alert": minutes}} form. A file
 * that cannot be read is kept aside as {@code throttle_period.json.corrupt-<time>}, one (or a journal) larger
 * than the state's share of the heap as {@code .too-large-<time>}, and the pass goes on and fails loudly.
 * The lock is an OS file lock on {@code .alertas.lock}, released by the OS if the process dies.
 *
 * <p>Between two whole writes, each delivery is one line appended to {@code throttle_period.json.journal}:
 * the throttles and episodes it changed and the queue of waiting notifications. Loading replays the journal
 * over the file; a whole write removes it. The appended lines are not forced to disk: they outlast the
 * process (killed, out of memory, crashed), which is what keeps a delivery from being sent twice; a power
 * loss may forget them, and then the pass's deliveries are sent again, none lost (the checkpoints that a
 * pass moves reach the disk only with the whole write at its end).
 */
public final class FileStateStore implements StateStore {

    public static final String FILE = "throttle_period.json";
    static final String JOURNAL = FILE + ".journal";
    static final String LOCK = ".alertas.lock";
    private static final int FORMAT = 1;
    /** How many unreadable journal lines a warning names by number; the rest it counts. */
    private static final int FIRST_LINES = 5;
    /** The seed's countdown is read for at most a year: a larger number is a mistake, not a throttle. */
    private static final long SEED_MAX_MINUTES = Duration.ofDays(366).toMinutes();
    private static final Logger LOG = LoggerFactory.getLogger(FileStateStore.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter LINE = JSON.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final Clock clock;
    private final SetAside aside;

    public FileStateStore(Path dir, Clock clock) {
        this.dir = requireNonNull(dir, "dir is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.aside = new SetAside(clock);
    }

    @Override
    public Lock lock() throws StateLockedException, IOException {
        Path file = dir.resolve(LOCK);
        if (Files.exists(file)) {
            RegularFiles.requireRegular(file);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException(file + " cannot be written: " + reason(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new StateLockedException("another pass holds the lock " + file);
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
        State state = loadFile();
        replayJournal(state);
        return state;
    }

    private State loadFile() throws IOException {
        Path file = dir.resolve(FILE);
        if (SetAside.tooLarge(file)) {
            return aside.tooLarge(file, "started with empty state: throttles are forgotten, so a notification may"
                    + " be repeated, and the notifications waiting in it are not sent", new State());
        }
        byte[] bytes;
        try {
            bytes = RegularFiles.read(file, HeapShare.STATE.bytes());
        } catch (NoSuchFileException e) {
            return new State();
        }
        try {
            return parse(JSON.readTree(bytes), Files.getLastModifiedTime(file).toInstant());
        } catch (JsonProcessingException | RuntimeException e) {
            String reason = e instanceof JsonProcessingException json ? "not JSON, at line "
                    + json.getLocation().getLineNr() + ":" + json.getLocation().getColumnNr() : e.getMessage();
            return aside.corrupt(file, reason, "started with empty state: throttles and pending deliveries are"
                    + " forgotten", e, new State());
        }
    }

    /**
     * The deliveries recorded since the last whole write, applied in order. A line cut short (the process
     * died while appending it) is the last one and is left out: that delivery may be sent again. Lines that
     * cannot be read are said in one warning, the first few by number.
     */
    private void replayJournal(State state) throws IOException {
        Path journal = dir.resolve(JOURNAL);
        if (SetAside.tooLarge(journal)) {
            aside.tooLarge(journal, "went on without it: the deliveries it recorded may be sent again", state);
            return;
        }
        byte[] bytes;
        try {
            bytes = RegularFiles.read(journal, HeapShare.STATE.bytes());
        } catch (NoSuchFileException e) {
            return;
        }
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        List<Integer> unreadable = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                JsonNode record = JSON.readTree(lines[i]);
                entry(state, JOURNAL + ":" + (i + 1), () -> apply(state, record));
            } catch (JsonProcessingException e) {
                unreadable.add(i + 1);
            }
        }
        if (!unreadable.isEmpty()) {
            String warning = JOURNAL + ":" + lineNumbers(unreadable) + ": " + (unreadable.size() == 1
                    ? "a delivery's record cannot be read; it" : unreadable.size() + " deliveries' records cannot be read; they")
                    + " may be sent again";
            LOG.warn(warning);
            state.warn(warning);
        }
    }

    /** The first few line numbers, then how many more: "3, 7, 9, 12, 15 and 99995 more". */
    private static String lineNumbers(List<Integer> lines) {
        String first = String.join(", ", lines.stream().limit(FIRST_LINES).map(String::valueOf).toList());
        return lines.size() <= FIRST_LINES ? first : first + " and " + (lines.size() - FIRST_LINES) + " more";
    }

    private static void apply(State state, JsonNode record) {
        String alert = record.path("alert").asText();
        String medium = record.path("medium").asText();
        record.path("throttles").fields().forEachRemaining(key -> {
            if (key.getValue().isNull()) {
                state.unthrottle(alert, medium, key.getKey());
            } else {
                state.put(alert, medium, key.getKey(), StateJson.throttle(key.getValue()));
            }
        });
        record.path("episodes").fields().forEachRemaining(key -> state.episode(alert, key.getKey(), StateJson.episode(key.getValue())));
        List.copyOf(state.pending()).forEach(state::dequeue);
        record.path("pending").forEach(p -> state.queue(StateJson.pending(p)));
        state.kept().read(record.path("kept"), alert);
    }

    /** Appends the delivery's record to the journal; not forced to disk (see the class's comment). */
    @Override
    public void saveDelivery(State state, String alert, String medium, List<String> keys) throws IOException {
        ObjectNode record = JSON.createObjectNode().put("alert", alert).put("medium", medium);
        ObjectNode throttles = record.putObject("throttles");
        ObjectNode episodes = record.putObject("episodes");
        Map<String, State.Throttle> throttled = state.throttles().getOrDefault(alert, Map.of()).getOrDefault(medium, Map.of());
        for (String key : keys) {
            State.Throttle throttle = throttled.get(key);
            throttles.set(key, throttle == null ? NullNode.instance : StateJson.throttle(throttle));
            State.Episode episode = state.episodes(alert).get(key);
            if (episode != null) {
                episodes.set(key, StateJson.episode(episode));
            }
        }
        ArrayNode pending = record.putArray("pending");
        state.pending().forEach(p -> pending.add(StateJson.pending(p)));
        record.set("kept", state.kept().json(alert));
        byte[] line = (LINE.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        Path journal = dir.resolve(JOURNAL);
        try (OutputStream out = Files.newOutputStream(journal, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            out.write(line);
        } catch (IOException e) {
            throw new IOException(journal + " cannot be written: " + reason(e), e);
        }
    }

    /**
     * Writes the state atomically, then removes the journal it now holds.
     *
     * @throws IOException whose message names the state file and the system's reason (no space left,
     *     read-only file system, permission denied), not a temporary file
     */
    @Override
    public void save(State state) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(write(state));
        Path target = dir.resolve(FILE);
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, FILE, ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(bytes));
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IOException(target + " cannot be written: " + reason(e), e);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename itself is still atomic
        }
        Path journal = dir.resolve(JOURNAL);
        try {
            Files.deleteIfExists(journal);
        } catch (IOException e) {
            throw new IOException(journal + " cannot be removed: " + reason(e), e);
        }
    }

    /** What the system said, without the temporary file's name that a FileSystemException puts first. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
        root.path("checkpoints").fields().forEachRemaining(e -> entry(state, "alert \"" + e.getKey() + "\": checkpoint",
                () -> state.checkpoint(e.getKey(), StateJson.instant(e.getValue()))));
        root.path("memory").fields().forEachRemaining(e -> entry(state, "alert \"" + e.getKey() + "\": memory",
                () -> state.memory(e.getKey(), e.getValue())));
        root.path("quiet_until").fields().forEachRemaining(e -> entry(state, "alert \"" + e.getKey() + "\": quiet_until",
                () -> state.quietUntil(e.getKey(), StateJson.instant(e.getValue()))));
        root.path("throttles").fields().forEachRemaining(alert ->
                alert.getValue().fields().forEachRemaining(medium ->
                        medium.getValue().fields().forEachRemaining(key -> entry(state, "alert \"" + alert.getKey()
                                + "\", key \"" + key.getKey() + "\" on " + medium.getKey(), () -> state.put(alert.getKey(),
                                medium.getKey(), key.getKey(), StateJson.throttle(key.getValue()))))));
        root.path("activity").fields().forEachRemaining(e -> entry(state, "alert \"" + e.getKey() + "\": activity",
                () -> state.activity(e.getKey(), StateJson.activity(e.getValue()))));
        root.path("episodes").fields().forEachRemaining(alert ->
                alert.getValue().fields().forEachRemaining(key -> entry(state, "alert \"" + alert.getKey()
                        + "\", key \"" + key.getKey() + "\": episode",
                        () -> state.episode(alert.getKey(), key.getKey(), StateJson.episode(key.getValue())))));
        for (JsonNode s : root.path("silences")) {
            entry(state, "silence " + s.path("id").asText(), () -> state.silence(StateJson.silence(s)));
        }
        root.path("passes").fields().forEachRemaining(e -> entry(state, "the last pass of " + e.getKey(),
                () -> state.passed(StateJson.pass(e.getValue()))));
        for (JsonNode p : root.path("pending")) {
            entry(state, "a notification of alert \"" + p.path("notification").path("alert").asText() + "\" waiting for "
                    + p.path("medium").asText(), () -> state.queue(StateJson.pending(p)));
        }
        entry(state, "what the parts keep", () -> state.kept().read(root.path("kept"), null));
        return state;
    }

    /** Reads one entry; one that cannot be read is dropped with a warning, and the others are kept. */
    private static void entry(State state, String what, Runnable read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            String warning = FILE + ": " + what + " cannot be read (" + e.getMessage() + "); dropped it";
            LOG.warn(warning);
            state.warn(warning);
        }
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
            long minutesLeft = Math.min(e.getValue().asLong() - 1, SEED_MAX_MINUTES);
            if (minutesLeft > 0) {
                state.quietUntil(e.getKey(), modified.plus(Duration.ofMinutes(minutesLeft)));
            }
        });
    }

    /**
     * The state as the file holds it, less what has grown old as of the pass: throttles not renewed,
     * checkpoints not moved and episodes of keys that last fired longer than {@link State#RETENTION} ago, and
     * countdowns carried over from the seed that ran out.
     */
    private ObjectNode write(State state) {
        Instant passAt = state.passAt().orElseGet(clock::instant);
        Instant old = passAt.minus(State.RETENTION);
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
        ObjectNode checkpoints = root.putObject("checkpoints");
        ObjectNode memory = root.putObject("memory");
        ObjectNode activity = root.putObject("activity");
        state.checkpoints().forEach((alert, end) -> {
            if (!end.isBefore(old)) {
                checkpoints.put(alert, end.toString());
                state.memory(alert).ifPresent(m -> memory.set(alert, m));
                Optional.ofNullable(state.activity().get(alert)).ifPresent(a -> activity.set(alert, StateJson.activity(a)));
            }
        });
        ObjectNode episodes = root.putObject("episodes");
        state.episodes().forEach((alert, keys) -> keys.forEach((key, e) -> {
            if (!e.lastFired().isBefore(old)) {
                episodes.withObjectProperty(alert).set(key, StateJson.episode(e));
            }
        }));
        ArrayNode silences = root.putArray("silences");
        state.silences().values().forEach(s -> silences.add(StateJson.silence(s)));
        ObjectNode passes = root.putObject("passes");
        state.passes().forEach((runner, p) -> passes.set(runner, StateJson.pass(p)));
        ObjectNode quiet = root.putObject("quiet_until");
        state.quietUntil().forEach((alert, until) -> {
            if (until.isAfter(passAt)) {
                quiet.put(alert, until.toString());
            }
        });
        ObjectNode throttles = root.putObject("throttles");
        state.throttles().forEach((alert, media) -> media.forEach((medium, keys) -> keys.forEach((key, t) -> {
            if (!t.deliveredAt().isBefore(old)) {
                throttles.withObjectProperty(alert).withObjectProperty(medium).set(key, StateJson.throttle(t));
            }
        })));
        ArrayNode pending = root.putArray("pending");
        state.pending().forEach(p -> pending.add(StateJson.pending(p)));
        root.set("kept", state.kept().json());
        return root;
    }
}
