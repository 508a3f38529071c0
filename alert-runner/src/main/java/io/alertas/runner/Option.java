package io.alertas.runner;

import com.fasterxml.jackson.databind.node.TextNode;
import io.alertas.core.pass.Shard;
import io.alertas.spi.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An option of a command: its name, and how the value after it is read (none for a flag, which stands alone).
 * The options several commands take, and the readers of durations, instants and shards, are written here once.
 *
 * @param <T> what its value is read as
 */
record Option<T>(String name, Reader<T> reader) {

    /** The config dir, which every command but init needs. */
    static final Option<Path> CONFIG = new Option<>("--config", Option::path);
    /** A folder of alert jars to load besides the config dir's plugins/ (repeatable). */
    static final Option<Path> PLUGINS = new Option<>("--plugins", Option::path);
    /** An alert to run alone (repeatable). */
    static final Option<String> ALERT = text("--alert");
    /** The instant a pass decides windows and throttles as of. */
    static final Option<Instant> NOW = new Option<>("--now", Option::instant);
    /** Shard I of N. */
    static final Option<Shard> SHARD = new Option<>("--shard", Option::shard);
    /** The result as JSON. */
    static final Option<Boolean> JSON = flag("--json");

    /** The last instant --now, --from and --to may name; the first is 1970's. */
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

    /** Reads an option's value; the exception's message quotes the option and the text. */
    @FunctionalInterface
    interface Reader<T> {
        T read(String text, String option) throws UsageException;
    }

    static Option<Boolean> flag(String name) {
        return new Option<>(name, null);
    }

    static Option<String> text(String name) {
        return new Option<>(name, (text, option) -> text);
    }

    static Option<Duration> duration(String name) {
        return new Option<>(name, Option::duration);
    }

    static Option<Instant> instant(String name) {
        return new Option<>(name, Option::instant);
    }

    /** Whether a value follows the option. */
    boolean takesValue() {
        return reader != null;
    }

    private static Path path(String text, String option) {
        return Path.of(text).toAbsolutePath();
    }

    private static Shard shard(String text, String option) throws UsageException {
        try {
            return Shard.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage() + ", not \"" + text + "\"");
        }
    }

    private static Instant instant(String text, String option) throws UsageException {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " must be an ISO-8601 instant such as 2026-11-26T10:00:00Z, not \"" + text + "\"");
        }
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LAST_INSTANT)) {
            throw new UsageException(option + " must be from 1970-01-01T00:00:00Z to " + LAST_INSTANT + ", not \"" + text + "\"");
        }
        return instant;
    }

    private static Duration duration(String text, String option) throws UsageException {
        TextNode value = TextNode.valueOf(text);
        Optional<String> problem = Durations.problem(value, false);
        if (problem.filter(Durations.EXPECTED::equals).isPresent()) {
            throw new UsageException(option + " must be a duration such as 90s, 30m, 2h or 1d, not \"" + text + "\"");
        }
        if (problem.isPresent()) {
            throw new UsageException(option + " " + problem.get());
        }
        return Durations.parse(value);
    }
}
