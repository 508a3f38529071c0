package io.alertas.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The command line, read: the command, the values of its options and its names (the words that are not options:
 * an alert's name for test, names for backtest, NAME [KEY] for silence, an id for unsilence). Or a request for the
 * manual or the version.
 */
final class CommandLine {

    private final Command command;
    private final boolean help;
    private final Map<String, List<Object>> values = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private Path dir;

    private CommandLine(Command command, boolean help) {
        this.command = command;
        this.help = help;
    }

    /**
     * Reads {@code args} for one of {@code commands}. Every option of every command is read (so that a bad value
     * is named before a misplaced option); then the command's dir, the options it does not take, and its own
     * checks, in that order.
     */
    static CommandLine parse(String[] args, List<Command> commands) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        String first = args[0];
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            return new CommandLine(null, true);
        }
        if (first.equals("--version")) {
            return new CommandLine(null, false);
        }
        Command command = commands.stream().filter(c -> c.name().equals(first)).findFirst()
                .orElseThrow(() -> new UsageException("unknown command \"" + first + "\"; commands: "
                        + commands.stream().map(Command::name).collect(Collectors.joining(", "))));
        Map<String, Option<?>> known = new LinkedHashMap<>();
        known.put(Option.CONFIG.name(), Option.CONFIG);
        command.options().forEach(o -> known.put(o.name(), o));
        commands.forEach(c -> c.options().forEach(o -> known.putIfAbsent(o.name(), o)));
        CommandLine line = new CommandLine(command, false);
        Set<String> given = new LinkedHashSet<>();
        String[] words = words(args);
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (word.equals("--help") || word.equals("-h")) {
                return new CommandLine(null, true);
            }
            Option<?> option = known.get(word);
            if (option != null) {
                given.add(word);
                Object value = option.takesValue() ? option.reader().read(value(words, ++i, word), word) : Boolean.TRUE;
                line.values.computeIfAbsent(word, w -> new ArrayList<>()).add(value);
            } else if (word.startsWith("-")) {
                throw new UsageException("unknown option \"" + word + "\" for " + command.name());
            } else {
                line.names.add(word);
            }
        }
        line.dir = command.dir(line);
        for (String option : given) {
            if (!option.equals(Option.CONFIG.name()) && !takes(command, option)) {
                throw new UsageException(option + " goes with " + commands.stream().filter(c -> takes(c, option))
                        .map(Command::name).collect(Collectors.joining(" and ")) + " only");
            }
        }
        command.check(line);
        return line;
    }

    /** The arguments after the command, with each --option=value written as two words. */
    private static String[] words(String[] args) {
        List<String> words = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (args[i].startsWith("--") && equals > 2) {
                words.add(args[i].substring(0, equals));
                words.add(args[i].substring(equals + 1));
            } else {
                words.add(args[i]);
            }
        }
        return words.toArray(new String[0]);
    }

    private static String value(String[] words, int i, String option) throws UsageException {
        if (i >= words.length || words[i].startsWith("--") || words[i].isEmpty()) {
            throw new UsageException(option + " needs a value");
        }
        return words[i];
    }

    private static boolean takes(Command command, String option) {
        return command.options().stream().anyMatch(o -> o.name().equals(option));
    }

    /** Whether the manual is asked for. */
    boolean help() {
        return help;
    }

    /** Whether the version is asked for. */
    boolean version() {
        return command == null && !help;
    }

    /** The command to run; null when the manual or the version is asked for. */
    Command command() {
        return command;
    }

    /** The directory the command works in (see {@link Command#dir}). */
    Path dir() {
        return dir;
    }

    /** The words given to the command that are not options. */
    List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /** Whether {@code option} was given. */
    boolean has(Option<?> option) {
        return values.containsKey(option.name());
    }

    /** The value given last to {@code option}. */
    <T> Optional<T> value(Option<T> option) {
        List<T> all = values(option);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Every value given to {@code option}, in order. */
    @SuppressWarnings("unchecked")
    <T> List<T> values(Option<T> option) {
        return (List<T>) values.getOrDefault(option.name(), List.of());
    }
}
