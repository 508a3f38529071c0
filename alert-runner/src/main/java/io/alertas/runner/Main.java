package io.alertas.runner;

import io.alertas.core.Alertas;
import io.alertas.core.AlertasException;
import io.alertas.core.pass.Mask;
import io.alertas.core.pass.Problem;
import io.alertas.core.pass.Shard;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line that cron runs: read against the table of {@link #COMMANDS}, the config dir loaded once into a
 * {@link Context}, and the command run on it; a thin shell around {@link Alertas}.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int LOCKED = 3;

    /** Every command, in the order the manual and the usage messages name them. */
    static final List<Command> COMMANDS = List.of(new RunCommand(), new ServeCommand(), new InitCommand(),
            new ListCommand(), new ValidateCommand(), new TestCommand(), new BacktestCommand(), new SilenceCommand(),
            new UnsilenceCommand(), new StatusCommand(), new SigmaCheckCommand());

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> environment;
    private final Clock clock;
    private final RunTimings timings = new RunTimings();
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
        Console console = new Console(out, err, Mask.NONE);
        CommandLine line;
        try {
            line = CommandLine.parse(args, COMMANDS);
        } catch (UsageException e) {
            console.error(e.getMessage());
            console.complain("Try: " + ProgramName.invocation() + " --help");
            return USAGE;
        }
        if (line.help()) {
            out.print(Manual.text(COMMANDS));
            return OK;
        }
        if (line.version()) {
            console.say(ProgramName.name() + " " + version());
            return OK;
        }
        if (line.command() instanceof Command.Alone alone) {
            return alone.run(line, console);
        }
        return onConfig((Command.OnConfig) line.command(), line, console);
    }

    /** Loads the config dir, then runs {@code command} on it; a command that throws is named with its first line. */
    private int onConfig(Command.OnConfig command, CommandLine line, Console console) {
        Path dir = line.dir();
        if (!Files.isDirectory(dir)) {
            console.error("config dir " + dir + " does not exist or is not a directory");
            return USAGE;
        }
        for (Path folder : line.values(Option.PLUGINS)) {
            if (!Files.isDirectory(folder)) {
                console.error("plugin folder " + folder + " does not exist or is not a directory");
                return USAGE;
            }
        }
        Optional<Shard> shard = ShardSetting.of(line, environment, console);
        if (shard.isEmpty()) {
            return USAGE;
        }
        timings.time(RunTimings.Phase.LOGGING, () -> {
            Logging.toConfigDir(dir, environment);
            return null;
        });
        Logger log = LoggerFactory.getLogger(Main.class);
        Console shown = console; // masking the config's secrets once it is read
        try {
            Optional<Context> context = load(line, shard.get(), console, log);
            if (context.isEmpty()) {
                return USAGE;
            }
            shown = context.get().console();
            int discovery = context.get().plugins().problems.isEmpty() ? OK : FAILED;
            return Math.max(discovery, command.run(line, context.get()));
        } catch (RuntimeException e) {
            log.error(Logging.SAID, "{} failed", command.name(), e);
            shown.error(command.name() + " failed: " + Messages.firstLine(e) + Logging.stackTraceNote());
            return FAILED;
        } finally {
            Logging.awaitStarted();   // every line logged is written before the command returns
        }
    }

    /**
     * What every command on the config dir works with: the plugins discovered in its folders and the config read,
     * its alerts those of {@code shard};
     * empty after naming each problem of the config on stderr.
     */
    private Optional<Context> load(CommandLine line, Shard shard, Console console, Logger log) {
        Path dir = line.dir();
        List<Path> folders = new ArrayList<>(line.values(Option.PLUGINS));
        if (Files.isDirectory(dir.resolve("plugins"))) {
            folders.add(dir.resolve("plugins"));
        }
        String installed = System.getProperty("alertas.plugins");
        if (installed != null && Files.isDirectory(Path.of(installed))) {
            folders.add(Path.of(installed)); // the tarball's plugins/, which bin/alertas names
        }
        WritableByOthers.warnings(dir, folders).forEach(w -> console.complain("warning: " + w));
        Plugins plugins = timings.time(RunTimings.Phase.PLUGINS, () -> Plugins.discover(folders));
        plugins.problems.forEach(p -> console.error(p));
        plugins.warnings.forEach(w -> console.complain("warning: " + w));

        Alertas alertas;
        try {
            alertas = plugins.into(Alertas.builder().configDir(dir).environment(environment)
                    .secretsNeeded(line.command().secretsNeeded(line)).clock(clock).shard(shard)).build();
        } catch (AlertasException e) {
            for (Problem problem : e.located()) {
                log.error(Logging.SAID, "configuration: {}", problem);
                console.complain(problem.toString());
            }
            console.complain(Counts.of(e.located().size(), "problem", "problems") + " in " + dir + "; nothing was run");
            return Optional.empty();
        }
        Console masked = console.masking(alertas.mask());
        Logging.mask(alertas.mask());
        alertas.warnings().forEach(w -> {
            log.warn(Logging.SAID, w);
            masked.complain("warning: " + w);
        });
        return Optional.of(new Context(dir, alertas, shard, plugins, masked, log, clock, timings, entered));
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
