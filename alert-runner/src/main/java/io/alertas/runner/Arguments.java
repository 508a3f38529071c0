package io.alertas.runner;

import io.alertas.core.internal.Shard;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The command line, parsed: a command and its options. */
record Arguments(String command, Path config, Set<String> alerts, boolean dryRun, Optional<Instant> now,
        List<Path> plugins, String testAlert, Shard shard, String paramsOf) {

    static final String USAGE = """
            Usage: java -jar alert-runner.jar COMMAND [options]

            Commands:
              run --config DIR       one pass over every active alert, then exit
                  --alert NAME       run only this alert (repeatable)
                  --dry-run          evaluate and print what would be sent; send nothing, change no state
                  --now INSTANT      decide windows and throttles as of this ISO-8601 instant
                  --shard I/N        run only the alerts of shard I of N (a stable hash of each name)
              list --config DIR      every alert found: name, plugin, jar, active, throttle, media, index
                  --shard I/N        only the alerts of shard I of N
                  --params NAME      alert NAME's params: type, value in effect, default, allowed, meaning
              validate --config DIR  load everything a pass would and report every problem
              test NAME --config DIR run one alert's query and evaluator now; send nothing, change no state
                  --now INSTANT      as for run

            Options of every command:
              --plugins DIR          also load every alert jar in DIR (DIR/plugins in the config dir is read too)
              --help                 this text
              --version              the version

            Exit codes: 0 all evaluated and delivered; 1 something failed (named on stderr and in alerts.log);
                        2 usage or configuration error, nothing evaluated; 3 another pass holds the lock.
            """;

    private static final Set<String> COMMANDS = Set.of("run", "list", "validate", "test");

    static Arguments parse(String[] args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        String command = args[0];
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            return new Arguments("help", null, Set.of(), false, Optional.empty(), List.of(), null, Shard.ALL, null);
        }
        if (command.equals("--version")) {
            return new Arguments("version", null, Set.of(), false, Optional.empty(), List.of(), null, Shard.ALL, null);
        }
        if (!COMMANDS.contains(command)) {
            throw new UsageException("unknown command \"" + command + "\"; commands: run, list, validate, test");
        }
        Path config = null;
        Set<String> alerts = new LinkedHashSet<>();
        boolean dryRun = false;
        Optional<Instant> now = Optional.empty();
        List<Path> plugins = new ArrayList<>();
        String testAlert = null;
        Shard shard = Shard.ALL;
        String paramsOf = null;
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
        String[] options = words.toArray(new String[0]);
        for (int i = 0; i < options.length; i++) {
            String arg = options[i];
            switch (arg) {
                case "--config" -> config = Path.of(value(options, ++i, arg)).toAbsolutePath();
                case "--plugins" -> plugins.add(Path.of(value(options, ++i, arg)).toAbsolutePath());
                case "--alert" -> alerts.add(value(options, ++i, arg));
                case "--now" -> now = Optional.of(instant(value(options, ++i, arg)));
                case "--dry-run" -> dryRun = true;
                case "--shard" -> shard = shard(value(options, ++i, arg));
                case "--params" -> paramsOf = value(options, ++i, arg);
                case "--help", "-h" -> {
                    return new Arguments("help", null, Set.of(), false, Optional.empty(), List.of(), null, Shard.ALL, null);
                }
                default -> {
                    if (arg.startsWith("-") || !command.equals("test") || testAlert != null) {
                        throw new UsageException("unknown option \"" + arg + "\" for " + command);
                    }
                    testAlert = arg;
                }
            }
        }
        if (config == null) {
            throw new UsageException(command + " needs --config DIR");
        }
        if (command.equals("test") && testAlert == null) {
            throw new UsageException("test needs the name of an alert: test NAME --config DIR");
        }
        if ((dryRun || !alerts.isEmpty()) && !command.equals("run")) {
            throw new UsageException("--alert and --dry-run go with run only");
        }
        if (now.isPresent() && !command.equals("run") && !command.equals("test")) {
            throw new UsageException("--now goes with run and test only");
        }
        if (!shard.equals(Shard.ALL) && !command.equals("run") && !command.equals("list")) {
            throw new UsageException("--shard goes with run and list only");
        }
        if (paramsOf != null && !command.equals("list")) {
            throw new UsageException("--params goes with list only");
        }
        return new Arguments(command, config, alerts, dryRun, now, plugins, testAlert, shard, paramsOf);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--") || args[i].isEmpty()) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static Shard shard(String text) throws UsageException {
        try {
            return Shard.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--shard: " + e.getMessage() + ", not \"" + text + "\"");
        }
    }

    private static Instant instant(String text) throws UsageException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("--now must be an ISO-8601 instant such as 2026-11-26T10:00:00Z, not \"" + text + "\"");
        }
    }
}
