package io.alertas.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** init DIR: writes a commented config dir to start from, with every built-in alert switched off. */
final class InitCommand implements Command.Alone {

    @Override
    public String name() {
        return "init";
    }

    @Override
    public String manual() {
        return """
                    init DIR             write a commented config dir to start from: credentials.json and
                                         alertas.env, its variables (both mode 600), alerts.json with every
                                         built-in alert switched off, and empty plugins/ and alerts.d/
                """;
    }

    @Override
    public List<Option<?>> options() {
        return List.of();
    }

    /** The directory to write, which init is given as its one name, never by --config. */
    @Override
    public Path dir(CommandLine line) throws UsageException {
        if (line.has(Option.CONFIG) || line.names().size() != 1) {
            throw new UsageException("init needs the directory to write, and no --config: init DIR");
        }
        return Path.of(line.names().get(0)).toAbsolutePath();
    }

    /** Nothing more: the directory was read by {@link #dir}. */
    @Override
    public void check(CommandLine line) {
    }

    @Override
    public int run(CommandLine line, Console console) {
        try {
            Init.write(line.dir(), Plugins.discover(List.of())).forEach(console::say);
            return Main.OK;
        } catch (UsageException e) {
            console.error(e.getMessage());
            return Main.USAGE;
        } catch (IOException e) {
            console.error("init wrote nothing: " + Messages.firstLine(e));
            return Main.FAILED;
        }
    }
}
