package io.alertas.runner;

import com.fasterxml.jackson.databind.node.TextNode;
import io.alertas.core.pass.Shard;
import io.alertas.spi.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line, parsed: a command, its words (an alert's name for test, names for backtest, NAME [KEY] for
 * silence, an id for unsilence) and its options.
 */
record Arguments(String command, Path config, Set<String> alerts, boolean dryRun, Optional<Instant> now,
        List<Path> plugins, List<String> words, Shard shard, String paramsOf, Optional<Instant> from,
        Optional<Instant> to, Duration step, boolean json, Duration silenceFor, String reason, boolean list,
        boolean connect, boolean timings, Duration every, String listen, boolean force) {

    /** The manual that --help prints, in the sections of a man page. */
    static final String USAGE = """
            NAME
                alertas - alerting on an Elasticsearch or OpenSearch cluster, one pass per cron minute

            SYNOPSIS
                alertas COMMAND [NAME...] --config DIR [OPTIONS]
                alertas init DIR
                alertas --help | --version

                (bin/alertas of the tarball; from a build, java -jar alert-runner.jar takes the same arguments)

            DESCRIPTION
                Each pass sends every active alert's query to the cluster, lets the alert's evaluator decide
                whether it fires, delivers what fired to the alert's media (Slack, email, webhook, Teams,
                PagerDuty, Opsgenie) and keeps a delivered alert quiet for its throttle period. Run "run" from
                cron or the systemd timer once a minute; every other command is for people.

            COMMANDS
                run                  one pass over every active alert, then exit
                    --alert NAME     run only this alert (repeatable)
                    --dry-run        evaluate and print what would be sent; send nothing, change no state
                    --now INSTANT    decide windows and throttles as of this instant
                    --shard I/N      run only the alerts of shard I of N (a stable hash of each name)
                    --timings        then print where the run spent its time, by phase
                serve                the passes of run in one JVM that stays: a pass at each minute's start,
                                     with run's lock, state and windows, until SIGTERM, which it honours
                                     between passes (cron stays the default; this is for thousands of alerts)
                    --every DURATION one pass at each boundary of DURATION (1m by default)
                    --listen [H]:P   serve the metrics of the last pass at http://H:P/metrics (H: loopback if left out;
                                     an IPv6 address in brackets, [::1]:9464)
                init DIR             write a commented config dir to start from: credentials.json (mode 600),
                                     alerts.json with every built-in alert switched off, a README
                list                 every alert found: name, plugin, jar, active, throttle, media, index
                    --shard I/N      only the alerts of shard I of N
                    --params NAME    alert NAME's params: type, value in effect, default, allowed, meaning
                validate             load everything a pass would and report every problem
                    --connect        also check the cluster (version, credentials), each active alert's index
                                     and its keyword fields, and that each medium can be reached; sends nothing
                test NAME            run one alert's query and evaluator now; send nothing, change no state
                    --now INSTANT    as for run
                backtest [NAME...] --from INSTANT [--to INSTANT]
                                     replay the passes cron would have run over history (every alert that
                                     reads history when no NAME is given) and print what would have been
                                     sent and when; send nothing, change no state
                    --step DURATION  one pass every DURATION (1m, cron's cadence, by default)
                    --json           the result as JSON
                    --force          run it even when it replays more than 1,000,000 windows (all its
                                     alerts together), which it otherwise refuses with an estimate
                silence NAME [KEY] --for DURATION [--reason TEXT]
                                     send nothing for alert NAME (only its finding KEY, if given) for DURATION
                    --list           the silences in force (--json for JSON)
                unsilence ID         end silence ID now and say how many firings it muted
                status               per alert: last run, last fired, throttled keys, silences, pending
                                     deliveries and last failure
                    --json           the same as JSON

            OPTIONS OF EVERY COMMAND BUT INIT
                --config DIR         the config dir (required)
                --plugins DIR        also load every alert jar in DIR (DIR/plugins in the config dir is read too)
                --help               this text
                --version            the version

            FILES (in the config dir)
                credentials.json     the cluster, the media and their secrets; "${NAME}" reads variable NAME
                alerts.json          per alert: active, throttle_period, media, index, params; routes
                alerts.d/*.json      alerts written as JSON rules
                queries/NAME.json    replaces the query alert NAME's jar ships
                plugins/             alert jars of your own
                throttle_period.json the state (with the file store); alerts.log the log

            ENVIRONMENT
                Any variable credentials.json names as "${NAME}", such as ES_PASSWORD. bin/alertas also reads
                JAVA_HOME (the Java 17+ to run on) and ALERTAS_JAVA_OPTS (extra JVM flags).

            EXIT STATUS
                0 all evaluated and delivered; 1 something failed (named on stderr and in alerts.log);
                2 usage or configuration error, nothing evaluated; 3 another pass holds the lock.

            EXAMPLES
                alertas init /etc/alertas
                alertas validate --connect --config /etc/alertas
                alertas run --config /etc/alertas
                alertas silence disk_usage web-01 --for 2h --reason "disk swap" --config /etc/alertas

            Durations: 90s, 30m, 2h, 1d, at most 1095d (3 years). Instants: ISO-8601 such as 2026-11-26T10:00:00Z.
            """;

    /** The last instant --now, --from and --to may name; the first is 1970's. */
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");
    private static final List<String> COMMANDS = List.of("run", "serve", "init", "list", "validate", "test", "backtest", "silence",
            "unsilence", "status");

    private static Arguments only(String command) {
        return new Arguments(command, null, Set.of(), false, Optional.empty(), List.of(), List.of(), Shard.ALL, null,
                Optional.empty(), Optional.empty(), Duration.ofMinutes(1), false, null, "", false, false, false, Duration.ofMinutes(1), null, false);
    }

    static Arguments parse(String[] args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        String command = args[0];
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            return only("help");
        }
        if (command.equals("--version")) {
            return only("version");
        }
        if (!COMMANDS.contains(command)) {
            throw new UsageException("unknown command \"" + command + "\"; commands: " + String.join(", ", COMMANDS));
        }
        Path config = null;
        Set<String> alerts = new LinkedHashSet<>();
        boolean dryRun = false;
        Optional<Instant> now = Optional.empty();
        List<Path> plugins = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        Shard shard = Shard.ALL;
        String paramsOf = null;
        Optional<Instant> from = Optional.empty();
        Optional<Instant> to = Optional.empty();
        Duration step = Duration.ofMinutes(1);
        boolean json = false;
        Duration silenceFor = null;
        String reason = "";
        boolean list = false;
        boolean connect = false;
        boolean timings = false;
        Duration every = Duration.ofMinutes(1);
        String listen = null;
        boolean force = false;
        Set<String> given = new LinkedHashSet<>();
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
            if (arg.startsWith("-")) {
                given.add(arg);
            }
            switch (arg) {
                case "--config" -> config = Path.of(value(options, ++i, arg)).toAbsolutePath();
                case "--plugins" -> plugins.add(Path.of(value(options, ++i, arg)).toAbsolutePath());
                case "--alert" -> alerts.add(value(options, ++i, arg));
                case "--now" -> now = Optional.of(instant(value(options, ++i, arg), arg));
                case "--dry-run" -> dryRun = true;
                case "--shard" -> shard = shard(value(options, ++i, arg));
                case "--params" -> paramsOf = value(options, ++i, arg);
                case "--from" -> from = Optional.of(instant(value(options, ++i, arg), arg));
                case "--to" -> to = Optional.of(instant(value(options, ++i, arg), arg));
                case "--step" -> step = duration(value(options, ++i, arg), arg);
                case "--for" -> silenceFor = duration(value(options, ++i, arg), arg);
                case "--reason" -> reason = value(options, ++i, arg);
                case "--json" -> json = true;
                case "--list" -> list = true;
                case "--connect" -> connect = true;
                case "--timings" -> timings = true;
                case "--every" -> every = duration(value(options, ++i, arg), arg);
                case "--listen" -> listen = value(options, ++i, arg);
                case "--force" -> force = true;
                case "--help", "-h" -> {
                    return only("help");
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option \"" + arg + "\" for " + command);
                    }
                    positional.add(arg);
                }
            }
        }
        if (command.equals("init")) {
            if (config != null || positional.size() != 1) {
                throw new UsageException("init needs the directory to write, and no --config: init DIR");
            }
            config = Path.of(positional.get(0)).toAbsolutePath();
        }
        if (config == null) {
            throw new UsageException(command + " needs --config DIR");
        }
        for (String option : given) {
            List<String> with = OPTIONS.getOrDefault(option, List.of());
            if (!with.isEmpty() && !with.contains(command)) {
                throw new UsageException(option + " goes with " + String.join(" and ", with) + " only");
            }
        }
        switch (command) {
            case "test" -> {
                if (positional.size() != 1) {
                    throw new UsageException("test needs the name of one alert: test NAME --config DIR");
                }
            }
            case "backtest" -> {
                if (from.isEmpty()) {
                    throw new UsageException("backtest needs --from INSTANT (and --to INSTANT, now by default)");
                }
            }
            case "serve" -> {
                if (every.compareTo(Duration.ofSeconds(1)) < 0) {
                    throw new UsageException("--every must be at least 1s");
                }
                if (listen != null && !listen.matches("(\\[[0-9A-Fa-f:.]+(%\\w+)?]|[^:\\s\\[\\]]*):\\d{1,5}")) {
                    throw new UsageException("--listen must be [HOST]:PORT, such as :9464 (loopback), 0.0.0.0:9464 or"
                            + " [::1]:9464 (an IPv6 address in brackets), not \""
                            + listen + "\"");
                }
                int port = listen == null ? 1 : Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
                if (port < 1 || port > 65_535) {
                    throw new UsageException("--listen's port must be from 1 to 65535, not \"" + listen + "\"");
                }
            }
            case "silence" -> {
                if (list && (!positional.isEmpty() || silenceFor != null)) {
                    throw new UsageException("silence --list takes no name and no --for");
                }
                if (!list && (positional.isEmpty() || positional.size() > 2 || silenceFor == null)) {
                    throw new UsageException("silence needs an alert, maybe a key, and how long: silence NAME [KEY]"
                            + " --for 2h --config DIR");
                }
            }
            case "init" -> {
                // the directory was read above
            }
            case "unsilence" -> {
                if (positional.size() != 1) {
                    throw new UsageException("unsilence needs the id of a silence: unsilence ID --config DIR"
                            + " (silence --list shows them)");
                }
            }
            default -> {
                if (!positional.isEmpty()) {
                    throw new UsageException("unknown option \"" + positional.get(0) + "\" for " + command);
                }
            }
        }
        if (json && command.equals("silence") && !list) {
            throw new UsageException("--json goes with silence --list, status and backtest only");
        }
        return new Arguments(command, config, alerts, dryRun, now, plugins, positional, shard, paramsOf, from, to, step,
                json, silenceFor, reason, list, connect, timings, every, listen, force);
    }

    /** The commands each option goes with; an option not named here goes with every command. */
    private static final Map<String, List<String>> OPTIONS = Map.ofEntries(
            Map.entry("--alert", List.of("run")),
            Map.entry("--dry-run", List.of("run")),
            Map.entry("--now", List.of("run", "test")),
            Map.entry("--shard", List.of("run", "serve", "list")),
            Map.entry("--params", List.of("list")),
            Map.entry("--from", List.of("backtest")),
            Map.entry("--to", List.of("backtest")),
            Map.entry("--step", List.of("backtest")),
            Map.entry("--json", List.of("backtest", "silence", "status")),
            Map.entry("--for", List.of("silence")),
            Map.entry("--reason", List.of("silence")),
            Map.entry("--list", List.of("silence")),
            Map.entry("--connect", List.of("validate")),
            Map.entry("--timings", List.of("run")),
            Map.entry("--every", List.of("serve")),
            Map.entry("--listen", List.of("serve")),
            Map.entry("--force", List.of("backtest")),
            Map.entry("--plugins", List.of("run", "serve", "list", "validate", "test", "backtest", "silence", "unsilence", "status")));

    /** The alert that test runs. */
    String testAlert() {
        return words.get(0);
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
