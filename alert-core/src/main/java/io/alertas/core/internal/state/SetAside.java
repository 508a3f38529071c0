package io.alertas.core.internal.state;

import io.alertas.core.internal.files.HeapShare;
import io.alertas.core.internal.files.RegularFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a state file that cannot be used (corrupt, or larger than the state's share of the heap) aside, where
 * it can be inspected, and says so loudly: an error in the log, and the state the pass goes on with fails it.
 * The runner goes on rather than stopping every pass on one file.
 */
final class SetAside {

    private static final Logger LOG = LoggerFactory.getLogger(SetAside.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;

    SetAside(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code file} is a regular file larger than the state's share of the heap; false when there is none. */
    static boolean tooLarge(Path file) throws IOException {
        try {
            RegularFiles.requireRegular(file);
        } catch (NoSuchFileException e) {
            return false;
        }
        return Files.size(file) > HeapShare.STATE.bytes();
    }

    /**
     * Moves {@code file}, larger than its share of the heap, aside as {@code <name>.too-large-<time>}, and
     * returns {@code state}, which now fails the pass; {@code cost} says what is forgotten.
     */
    State tooLarge(Path file, String cost, State state) throws IOException {
        return move(file, ".too-large-", "is larger than " + HeapShare.STATE, cost, null, state);
    }

    /** Moves {@code file}, which could not be read for {@code reason}, aside as {@code <name>.corrupt-<time>}. */
    State corrupt(Path file, String reason, String cost, Exception cause, State state) throws IOException {
        return move(file, ".corrupt-", "could not be read (" + reason + ")", cost, cause, state);
    }

    private State move(Path file, String kind, String reason, String cost, Exception cause, State state)
            throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + kind + STAMP.format(clock.instant()));
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        String why = file + " " + reason + "; kept it as " + aside.getFileName() + " and " + cost;
        LOG.error(why, cause);
        state.setAside(why);
        return state;
    }
}
