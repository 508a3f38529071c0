package io.alertas.runner;

import io.alertas.sigma.source.SigmaCheck;
import io.alertas.sigma.source.Skips;
import java.nio.file.Path;
import java.util.List;

/**
 * sigma check PATH...: which Sigma rules under the paths would load as alerts and which are skipped, grouped by
 * reason with their files; the same numbers validate shows through sigma.json. It reads no config dir.
 */
final class SigmaCheckCommand implements Command.Alone {

    private static final Option<String> MAPPING = Option.text("--mapping");
    private static final Option<Path> MAPPING_FILE = new Option<>("--mapping-file",
            (text, option) -> Path.of(text).toAbsolutePath());

    @Override
    public String name() {
        return "sigma";
    }

    @Override
    public String manual() {
        return """
                    sigma check PATH...  how many Sigma rules in these files or folders load as alerts, how many are
                                         skipped and why, grouped by reason with the files (exit 0 even with skips)
                        --mapping NAME   the field mapping: ecs_windows (the default) or ecs_windows_old
                        --mapping-file FILE  the installation's own mapping laid over it
                        --json           the same as JSON
                """;
    }

    @Override
    public List<Option<?>> options() {
        return List.of(Option.JSON, MAPPING, MAPPING_FILE);
    }

    /** The working directory: the paths are read from where the command runs, as given. */
    @Override
    public Path dir(CommandLine line) throws UsageException {
        if (line.has(Option.CONFIG)) {
            throw new UsageException("sigma check reads no config dir; give the rule files or folders: sigma check PATH...");
        }
        return Path.of("").toAbsolutePath();
    }

    @Override
    public void check(CommandLine line) throws UsageException {
        if (line.names().isEmpty() || !line.names().get(0).equals("check") || line.names().size() < 2) {
            throw new UsageException("sigma needs check and the rule files or folders: sigma check PATH...");
        }
    }

    @Override
    public int run(CommandLine line, Console console) {
        List<Path> paths = line.names().subList(1, line.names().size()).stream().map(Path::of).toList();
        Skips result;
        try {
            result = SigmaCheck.run(paths, line.value(MAPPING).orElse(null), line.value(MAPPING_FILE).orElse(null));
        } catch (IllegalArgumentException e) {
            console.error("sigma check: " + Messages.firstLine(e));
            return Main.USAGE;
        }
        if (line.has(Option.JSON)) {
            console.json(result.toJson());
            return Main.OK;
        }
        console.say(result.summary());
        result.byReason().forEach((reason, skips) -> {
            console.say("");
            console.say(reason + " (" + skips.size() + "):");
            skips.forEach(skip -> console.say("  " + skip.entry()));
        });
        return Main.OK;
    }
}
