package io.alertas.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.alertas.core.Alertas;
import io.alertas.core.AlertasException;
import io.alertas.core.pass.Backtest;
import io.alertas.core.pass.ConfiguredAlert;
import io.alertas.core.pass.ConnectionCheck;
import io.alertas.core.pass.Mask;
import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.Problem;
import io.alertas.core.pass.Replay;
import io.alertas.core.pass.Shard;
import io.alertas.core.pass.Silence;
import io.alertas.core.pass.StateLockedException;
import io.alertas.core.pass.StoredState;
import io.alertas.core.pass.Trial;
import io.alertas.spi.Durations;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Param;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line that cron runs: a thin shell around {@link Alertas}. */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int LOCKED = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> environment;
    private final Clock clock;
    private final RunTimings timings = new RunTimings();
    /** The configuration's secrets, masked in every line printed once it is read. */
    private Mask secrets = Mask.NONE;
    /** When main was entered, in ms since the epoch; 0 when the runner runs inside another program (tests). */
    private long entered;

    Main(PrintStream out, PrintStream err, Function<String, String> environment, Clock clock) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.clock = clock;
    }

    public static void main(String[] args) {
        long entered = System.currentTimeMillis();
        Main main = new Main(System.out, System.err, System::getenv, Clock.systemUTC());
        main.entered = entered;
        int status = main.execute(args);
        stopHttpSelectors();
        System.exit(status);
    }

    /**
     * Ends the selector thread of each {@code java.net.http.HttpClient} the run made. Java 17's client has no
     * close(), and its selector waits in native code, for which the JVM's exit waits up to 300 ms; interrupted,
     * it closes its connections and ends at once.
     */
    private static void stopHttpSelectors() {
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager"))
                .forEach(Thread::interrupt);
    }

    /** Runs the command line and returns the exit code. */
    int execute(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (UsageException e) {
            complain("alert-runner: " + e.getMessage());
            complain("Try: java -jar alert-runner.jar --help");
            return USAGE;
        }
        switch (arguments.command()) {
            case "help" -> {
                out.print(Arguments.USAGE);
                return OK;
            }
            case "version" -> {
                say("alert-runner " + version());
                return OK;
            }
            case "init" -> {
                return init(arguments.config());
            }
            default -> {
                return withConfig(arguments);
            }
        }
    }

    private int withConfig(Arguments arguments) {
        Path dir = arguments.config();
        if (!Files.isDirectory(dir)) {
            complain("alert-runner: config dir " + dir + " does not exist or is not a directory");
            return USAGE;
        }
        for (Path folder : arguments.plugins()) {
            if (!Files.isDirectory(folder)) {
                complain("alert-runner: plugin folder " + folder + " does not exist or is not a directory");
                return USAGE;
            }
        }
        timings.time(RunTimings.Phase.LOGGING, () -> {
            Logging.toConfigDir(dir);
            return null;
        });
        Logger log = LoggerFactory.getLogger(Main.class);
        try {
            return command(arguments, log);
        } catch (RuntimeException e) {
            log.error("{} failed", arguments.command(), e);
            complain("alert-runner: " + arguments.command() + " failed: " + Messages.firstLine(e)
                    + " (the stack trace is in " + dir.resolve(Logging.FILE) + ")");
            return FAILED;
        }
    }

    private int command(Arguments arguments, Logger log) {
        Path dir = arguments.config();
        List<Path> folders = new ArrayList<>(arguments.plugins());
        if (Files.isDirectory(dir.resolve("plugins"))) {
            folders.add(dir.resolve("plugins"));
        }
        String installed = System.getProperty("alertas.plugins");
        if (installed != null && Files.isDirectory(Path.of(installed))) {
            folders.add(Path.of(installed)); // the tarball's plugins/, which bin/alertas names
        }
        WritableByOthers.warnings(dir, folders).forEach(w -> complain("warning: " + w));
        Plugins plugins = timings.time(RunTimings.Phase.PLUGINS, () -> Plugins.discover(folders));
        plugins.problems.forEach(p -> complain("alert-runner: " + p));
        plugins.warnings.forEach(w -> complain("warning: " + w));

        Alertas config;
        try {
            config = plugins.into(Alertas.builder().configDir(dir).environment(environment).clock(clock)
                    .shard(arguments.shard())).build();
        } catch (AlertasException e) {
            for (Problem problem : e.located()) {
                log.error("configuration: {}", problem);
                complain(problem.toString());
            }
            complain(e.located().size() + (e.located().size() == 1 ? " problem" : " problems")
                    + " in " + dir + "; nothing was run");
            return USAGE;
        }
        secrets = config.mask();
        Logging.mask(secrets);
        config.warnings().forEach(w -> {
            log.warn(w);
            complain("warning: " + w);
        });
        int discovery = plugins.problems.isEmpty() ? OK : FAILED;
        return switch (arguments.command()) {
            case "list" -> Math.max(discovery, list(config, arguments));
            case "validate" -> arguments.connect() ? Math.max(validate(config, plugins), connect(config))
                    : validate(config, plugins);
            case "test" -> Math.max(discovery, test(config, arguments, log));
            case "backtest" -> Math.max(discovery, backtest(config, arguments));
            case "silence" -> Math.max(discovery, arguments.list() ? silences(config, arguments) : silence(config, arguments, log));
            case "unsilence" -> Math.max(discovery, unsilence(config, arguments, log));
            case "status" -> Math.max(discovery, status(config, arguments));
            case "serve" -> Math.max(discovery, serve(config, arguments, log));
            default -> Math.max(discovery, run(config, arguments, log));
        };
    }

    private int run(Alertas config, Arguments arguments, Logger log) {
        List<ConfiguredAlert> alerts = inShard(config, arguments);
        PassOptions options = PassOptions.all().only(arguments.alerts()).dryRun(arguments.dryRun());
        if (arguments.now().isPresent()) {
            options = options.at(arguments.now().get());
        }
        for (String name : arguments.alerts()) {
            if (config.alerts().stream().noneMatch(a -> a.name().equals(name))) {
                complain("alert-runner: no alert is named \"" + name + "\"; known alerts: " + names(config));
                return USAGE;
            }
            if (alerts.stream().noneMatch(a -> a.name().equals(name))) {
                complain("alert-runner: alert \"" + name + "\" is not in shard " + arguments.shard());
                return USAGE;
            }
        }
        return pass(config, options, arguments, log).exit();
    }

    /** What one pass of run or serve came to: its exit code, and its report when it ran. */
    private record Outcome(int exit, Optional<PassReport> report) {
    }

    /** One pass as run makes it: the report said on stdout and stderr, then the monitoring the config asks for. */
    private Outcome pass(Alertas config, PassOptions options, Arguments arguments, Logger log) {
        PassReport report;
        try {
            report = config.runPass(options);
        } catch (StateLockedException e) {
            log.warn("pass not run: {}", e.getMessage());
            complain("alert-runner: " + e.getMessage() + "; nothing done");
            return new Outcome(LOCKED, Optional.empty());
        } catch (IOException e) {
            log.error("pass not run: the state cannot be read or written", e);
            complain("alert-runner: " + Messages.firstLine(e) + "; no alert was run and nothing was sent: the next"
                    + " pass that can read and write its state catches up");
            return new Outcome(FAILED, Optional.empty());
        }
        report.warnings().forEach(w -> complain("warning: " + w));
        report.notices().forEach(this::say);
        if (arguments.dryRun()) {
            printDryRun(report);
        }
        say(report.summary());
        report.failures().forEach(this::complain);
        if (arguments.timings()) {
            printTimings(config);
        }
        report.state().ifPresent(state -> watch(config, report, state, log));
        return new Outcome(report.succeeded() ? OK : FAILED, Optional.of(report));
    }

    /**
     * serve: run's passes in this JVM, one at each boundary of --every, until SIGTERM (the shutdown hook lets the
     * pass under way end, then the JVM exits). --listen serves the last pass's metrics at /metrics.
     */
    private int serve(Alertas config, Arguments arguments, Logger log) {
        List<ConfiguredAlert> alerts = inShard(config, arguments);
        Resident resident = new Resident(arguments.every(), clock);
        AtomicReference<String> metrics = new AtomicReference<>();
        MetricsServer server = null;
        if (arguments.listen() != null) {
            try {
                server = MetricsServer.start(arguments.listen(), metrics::get);
            } catch (IOException e) {
                complain("alert-runner: cannot listen on " + arguments.listen() + ": " + Messages.firstLine(e));
                return USAGE;
            }
        }
        say("serving " + alerts.stream().filter(ConfiguredAlert::active).count() + " active alerts: a pass at"
                + " each boundary of " + Durations.format(arguments.every())
                + (server == null ? "" : "; metrics at " + server.url())
                + "; SIGTERM stops it between passes");
        log.info("serve started: a pass every {}", Durations.format(arguments.every()));
        MetricsServer listening = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            resident.stop(config.passTimeout().plusSeconds(30));
            if (listening != null) {
                listening.close();
            }
            log.info("serve stopped");
            say("serve stopped");
        }, "alertas-serve-stop"));
        resident.run(() -> pass(config, PassOptions.all(), arguments, log).report().ifPresent(report -> report.state()
                .ifPresent(state -> metrics.set(SelfMonitoring.metrics(report, state, secrets)))));
        return OK;
    }

    /** Where this run spent its time, one phase a line, and the sum. */
    private void printTimings(Alertas config) {
        if (entered > 0) {
            timings.entered(entered);
        }
        table(timings.rows(config.timings()));
    }

    /** Leaves the metrics, the status page and the dead-man ping that the "monitoring" section asks for. */
    private void watch(Alertas config, PassReport report, StoredState state, Logger log) {
        SelfMonitoring monitoring = new SelfMonitoring(config.monitoring(), secrets);
        for (String warning : monitoring.after(report, state, Status.of(config.alerts(), state, report.now()))) {
            log.warn(warning);
            complain("warning: " + warning);
        }
    }

    /** The stored state, or empty after saying on stderr why it cannot be read. */
    private Optional<StoredState> stored(Alertas config) {
        try {
            return Optional.of(config.state());
        } catch (IOException e) {
            complain("alert-runner: the state cannot be read: " + Messages.firstLine(e));
            return Optional.empty();
        }
    }

    private int status(Alertas config, Arguments arguments) {
        Optional<StoredState> state = stored(config);
        if (state.isEmpty()) {
            return FAILED;
        }
        Status status = Status.of(config.alerts(), state.get(), clock.instant());
        if (arguments.json()) {
            out.println(Printable.line(secrets.mask(status.json()).toString()));
        } else {
            status.lines().forEach(this::say);
        }
        return OK;
    }

    private int silence(Alertas config, Arguments arguments, Logger log) {
        String name = arguments.words().get(0);
        if (config.alerts().stream().noneMatch(a -> a.name().equals(name))) {
            complain("alert-runner: no alert is named \"" + name + "\"; known alerts: " + names(config));
            return USAGE;
        }
        String key = arguments.words().size() > 1 ? arguments.words().get(1) : null;
        Silence silence;
        try {
            silence = config.silence(name, key, clock.instant().plus(arguments.silenceFor()), arguments.reason());
        } catch (StateLockedException e) {
            complain("alert-runner: " + e.getMessage() + " for longer than a pass may take; nothing done");
            return LOCKED;
        } catch (IOException e) {
            complain("alert-runner: the silence could not be kept: " + Messages.firstLine(e));
            return FAILED;
        }
        log.info("silence {} of alert \"{}\" ({}) until {} by {}: {}", silence.id(), name, silence.scope(), silence.until(),
                System.getProperty("user.name"), silence.reason());
        say("silenced alert \"" + name + "\" (" + silence.scope() + ") until " + silence.until() + "; id " + silence.id()
                + " (unsilence " + silence.id() + " ends it sooner)");
        return OK;
    }

    private int silences(Alertas config, Arguments arguments) {
        Optional<StoredState> state = stored(config);
        if (state.isEmpty()) {
            return FAILED;
        }
        Instant now = clock.instant();
        List<Silence> silences = state.get().silences().stream().filter(s -> s.until().isAfter(now)).toList();
        if (arguments.json()) {
            ArrayNode list = JSON.createArrayNode();
            silences.forEach(s -> list.add(Status.silenceJson(s)));
            out.println(Printable.line(secrets.mask(list).toString()));
        } else if (silences.isEmpty()) {
            say("no silence is in force");
        } else {
            silences.forEach(s -> say(Status.silence(s)));
        }
        return OK;
    }

    private int unsilence(Alertas config, Arguments arguments, Logger log) {
        String id = arguments.words().get(0);
        Optional<Silence> ended;
        try {
            ended = config.unsilence(id);
        } catch (StateLockedException e) {
            complain("alert-runner: " + e.getMessage() + " for longer than a pass may take; nothing done");
            return LOCKED;
        } catch (IOException e) {
            complain("alert-runner: the silence could not be ended: " + Messages.firstLine(e));
            return FAILED;
        }
        if (ended.isEmpty()) {
            complain("alert-runner: no silence has the id \"" + id + "\"; it may have ended by itself (silence --list"
                    + " shows those in force)");
            return FAILED;
        }
        Silence silence = ended.get();
        log.info("silence {} of alert \"{}\" ended early: {}", id, silence.alert(), silence.mutedFirings());
        say("silence " + id + " of alert \"" + silence.alert() + "\" (" + silence.scope() + ") ended: "
                + silence.mutedFirings());
        return OK;
    }

    private int backtest(Alertas config, Arguments arguments) {
        for (String name : arguments.words()) {
            if (config.alerts().stream().noneMatch(a -> a.name().equals(name))) {
                complain("alert-runner: no alert is named \"" + name + "\"; known alerts: " + names(config));
                return USAGE;
            }
        }
        Instant to = arguments.to().orElseGet(clock::instant);
        Backtest backtest;
        Backtests output;
        try {
            Backtests.requireRange(arguments.from().get(), to, arguments.step());
            backtest = config.backtest(arguments.words(), arguments.from().get(), to, arguments.step());
            output = new Backtests(arguments.from().get(), to, arguments.step(), backtest.windows());
            output.refuseIfTooLong(backtest.alerts(), arguments.force());
        } catch (IllegalArgumentException e) {
            complain("alert-runner: " + e.getMessage());
            return USAGE;
        }
        List<Replay> replays = backtest.run(System.console() != null && !arguments.json()
                ? output.progressBar(err) : (done, total) -> { });
        if (arguments.json()) {
            out.println(Printable.line(secrets.mask(output.json(replays)).toString()));
        } else {
            output.lines(replays).forEach(this::say);
        }
        return replays.stream().allMatch(r -> r.failures().isEmpty()) ? OK : FAILED;
    }

    private void printDryRun(PassReport report) {
        for (PassReport.Delivery delivery : report.deliveries()) {
            if (delivery.result() == PassReport.Result.DRY_RUN) {
                Notification n = delivery.notification();
                say("would send to " + delivery.medium() + ": " + n.title() + ": " + n.message());
                n.findings().forEach(f -> say("  - " + f.key() + ": " + f.text()));
            } else if (delivery.result() == PassReport.Result.THROTTLED) {
                say("throttled on " + delivery.medium() + ": " + delivery.alert());
            }
        }
    }

    private int list(Alertas config, Arguments arguments) {
        if (arguments.paramsOf() != null) {
            return params(config, arguments.paramsOf());
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "PLUGIN", "JAR", "ACTIVE", "THROTTLE", "MEDIA", "INDEX"});
        List<ConfiguredAlert> alerts = inShard(config, arguments);
        for (ConfiguredAlert a : alerts) {
            rows.add(new String[] {a.name(), a.plugin(), a.jar(), a.active() ? "yes" : "no",
                    Durations.format(a.throttlePeriod()), String.join(",", a.media()), a.index()});
        }
        table(rows);
        if (!arguments.shard().equals(Shard.ALL)) {
            say("shard " + arguments.shard() + ": " + alerts.size() + " of " + config.alerts().size() + " alerts");
        }
        return OK;
    }

    /** The params of alert {@code name}: each declared one with the value this config gives it. */
    private int params(Alertas config, String name) {
        ConfiguredAlert alert = config.alerts().stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
        if (alert == null) {
            complain("no alert is named \"" + name + "\"; known alerts: " + names(config));
            return USAGE;
        }
        if (alert.declaredParams().isEmpty()) {
            say(name + " declares no params");
            return OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PARAM", "TYPE", "VALUE", "DEFAULT", "ALLOWED", "MEANING"});
        for (Param param : alert.declaredParams().values()) {
            rows.add(new String[] {param.name(), param.type().label(), alert.params().path(param.name()).toString(),
                    param.defaultValue().toString(), param.constraints(), param.description()});
        }
        table(rows);
        return OK;
    }

    private void table(List<String[]> rows) {
        Tables.lines(rows).forEach(this::say);
    }

    private static List<ConfiguredAlert> inShard(Alertas config, Arguments arguments) {
        return config.alerts().stream().filter(a -> arguments.shard().contains(a.name())).toList();
    }

    private int validate(Alertas config, Plugins plugins) {
        if (!plugins.problems.isEmpty()) {
            complain(plugins.problems.size() + " plugin problem(s); the other alerts are valid");
            return USAGE;
        }
        List<ConfiguredAlert> alerts = config.alerts();
        long active = alerts.stream().filter(ConfiguredAlert::active).count();
        say("OK: " + alerts.size() + " alerts (" + active + " active) from "
                + alerts.stream().map(ConfiguredAlert::plugin).distinct().count() + " plugins; media: "
                + (config.media().isEmpty() ? "(none)" : String.join(", ", config.media())));
        return OK;
    }

    private int init(Path dir) {
        try {
            Init.write(dir, Plugins.discover(List.of())).forEach(this::say);
            return OK;
        } catch (UsageException e) {
            complain("alert-runner: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            complain("alert-runner: init wrote nothing: " + Messages.firstLine(e));
            return FAILED;
        }
    }

    /** validate --connect: the cluster, each active alert's index and fields, each medium; 1 when any fails. */
    private int connect(Alertas config) {
        List<ConnectionCheck> checks = config.checkConnections(clock.instant());
        List<String[]> rows = new ArrayList<>();
        for (ConnectionCheck check : checks) {
            rows.add(new String[] {check.outcome().name().toLowerCase(java.util.Locale.ROOT), check.subject(), check.text()});
        }
        table(rows);
        long problems = checks.stream().filter(c -> c.outcome() == ConnectionCheck.Outcome.PROBLEM).count();
        long warnings = checks.stream().filter(c -> c.outcome() == ConnectionCheck.Outcome.WARNING).count();
        String verdict = problems + (problems == 1 ? " problem, " : " problems, ") + warnings
                + (warnings == 1 ? " warning" : " warnings");
        if (problems > 0) {
            complain("connect: " + verdict + "; passes would fail where a problem is named");
            return FAILED;
        }
        say("connect: " + verdict + "; nothing was sent");
        return OK;
    }

    private int test(Alertas config, Arguments arguments, Logger log) {
        String name = arguments.testAlert();
        if (config.alerts().stream().noneMatch(a -> a.name().equals(name))) {
            complain("alert-runner: no alert is named \"" + name + "\"; known alerts: " + names(config));
            return USAGE;
        }
        Trial trial;
        try {
            trial = config.test(name, arguments.now().orElseGet(clock::instant));
        } catch (IOException e) {
            complain("alert-runner: the state cannot be read: " + Messages.firstLine(e));
            return FAILED;
        }
        if (trial.error() != null) {
            log.warn("test of alert \"{}\" failed: {}", name, trial.error());
            complain("alert \"" + name + "\" failed: " + trial.error());
            return FAILED;
        }
        ConfiguredAlert alert = config.alerts().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
        say("alert:      " + alert.name() + " (plugin " + alert.plugin() + ", " + alert.jar() + ")");
        say("window:     " + trial.window().start() + " to " + trial.window().end());
        say("request:    " + alert.method() + " " + alert.path() + "  (from " + alert.queryOrigin() + ")");
        if (trial.request() != null) {
            pretty(trial.request()).lines().forEach(this::say);
        }
        say("response:   " + summary(trial.response()));
        Evaluation evaluation = trial.evaluation();
        if (evaluation == null) {
            complain("alert \"" + name + "\" failed: evaluator returned null");
            return FAILED;
        }
        say("evaluation: " + (evaluation.fired() ? "fires: " + evaluation.message(evaluation.findings()) : "quiet"));
        for (Finding f : evaluation.findings()) {
            say("  - " + f.key() + ": " + f.text());
        }
        say("(nothing was sent and no state was changed)");
        return OK;
    }

    /** One line on stdout, with secrets masked and control characters escaped. */
    private void say(String line) {
        out.println(Printable.line(secrets.mask(line)));
    }

    /** One line on stderr, with secrets masked and control characters escaped. */
    private void complain(String line) {
        err.println(Printable.line(secrets.mask(line)));
    }

    private static String summary(JsonNode response) {
        StringBuilder text = new StringBuilder();
        text.append("took ").append(response.path("took").asLong()).append(" ms, ")
                .append(response.path("hits").path("total").path("value").asLong()).append(" hits");
        if (response.path("_shards").path("failed").asInt() > 0) {
            text.append(", ").append(response.path("_shards").path("failed").asInt()).append(" shards failed");
        }
        JsonNode aggregations = response.path("aggregations");
        List<String> aggs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = aggregations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> agg = it.next();
            JsonNode buckets = agg.getValue().path("buckets");
            aggs.add(agg.getKey() + (buckets.isArray() ? " (" + buckets.size() + " buckets)" : ""));
        }
        if (!aggs.isEmpty()) {
            text.append(", aggregations: ").append(String.join(", ", aggs));
        }
        return text.toString();
    }

    private static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return node.toString();
        }
    }

    private static String names(Alertas config) {
        return String.join(", ", new TreeSet<>(config.alerts().stream().map(ConfiguredAlert::name).toList()));
    }

    private static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/alertas-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
