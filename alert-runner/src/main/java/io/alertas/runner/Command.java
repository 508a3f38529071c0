package io.alertas.runner;

import io.alertas.core.pass.SecretsNeeded;
import java.nio.file.Path;
import java.util.List;

/**
 * One command of the runner: its name, its lines in the manual that --help prints, the options it takes and the
 * checks of what it is given. {@link Main#COMMANDS} lists them all; a new command is a new class and a line there.
 */
interface Command {

    /** The word that names it on the command line. */
    String name();

    /** Its entry in the COMMANDS section of the manual: its synopsis and its options, indented as printed. */
    String manual();

    /** The options it takes besides --config and --help; another command's option is refused with theirs named. */
    List<Option<?>> options();

    /** The directory it works in: the config dir, which --config names. */
    default Path dir(CommandLine line) throws UsageException {
        return line.value(Option.CONFIG).orElseThrow(() -> new UsageException(name() + " needs --config DIR"));
    }

    /** Refuses what it cannot run, before anything is loaded: by default, any name given to it. */
    default void check(CommandLine line) throws UsageException {
        if (!line.names().isEmpty()) {
            throw new UsageException("unknown option \"" + line.names().get(0) + "\" for " + name());
        }
    }

    /**
     * Which "${NAME}" values of credentials.json it must have, as {@code line} asks it: by default all, as a
     * command that sends needs them; one that sends nothing needs the cluster's when it queries the cluster.
     */
    default SecretsNeeded secretsNeeded(CommandLine line) {
        return SecretsNeeded.ALL;
    }

    /** A command that runs on a config dir, loaded once into a {@link Context}: every command but init. */
    interface OnConfig extends Command {

        /** Runs it; returns the exit code. */
        int run(CommandLine line, Context context);
    }

    /** A command that loads no config dir: init, which writes one. */
    interface Alone extends Command {

        /** Runs it; returns the exit code. */
        int run(CommandLine line, Console console);
    }
}
