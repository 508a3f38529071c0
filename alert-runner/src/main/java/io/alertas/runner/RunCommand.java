package io.alertas.runner;

import io.alertas.core.pass.ConfiguredAlert;
import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.Shard;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** run: one pass over every active alert (or those --alert names), then exit; what cron runs each minute. */
final class RunCommand implements Command.OnConfig {

    private static final Option<Boolean> DRY_RUN = Option.flag("--dry-run");
    private static final Option<Boolean> TIMINGS = Option.flag("--timings");

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String manual() {
        return """
                    run                  one pass over every active alert, then exit
                        --alert NAME     run only this alert (repeatable)
                        --dry-run        evaluate and print what would be sent; send nothing, change no state
                        --now INSTANT    decide windows and throttles as of this instant
                        --shard I/N      run only the alerts of shard I of N (a stable hash of each name);
                                         without it, ALERTAS_SHARD=I/N, or ALERTAS_SHARDS=N and the
                                         JOB_COMPLETION_INDEX (0 to N-1) of a Kubernetes Indexed Job
                        --timings        then print where the run spent its time, by phase
                """;
    }

    @Override
    public List<Option<?>> options() {
        return List.of(Option.ALERT, DRY_RUN, Option.NOW, Option.SHARD, TIMINGS, Option.PLUGINS);
    }

    @Override
    public int run(CommandLine line, Context context) {
        Shard shard = context.shard();
        List<ConfiguredAlert> alerts = context.inShard();
        Set<String> only = new LinkedHashSet<>(line.values(Option.ALERT));
        PassOptions options = PassOptions.all().only(only).dryRun(line.has(DRY_RUN));
        if (line.value(Option.NOW).isPresent()) {
            options = options.at(line.value(Option.NOW).get());
        }
        for (String name : only) {
            if (context.unknown(name)) {
                return Main.USAGE;
            }
            if (alerts.stream().noneMatch(a -> a.name().equals(name))) {
                context.console().error("alert \"" + name + "\" is not in shard " + shard);
                return Main.USAGE;
            }
        }
        return OnePass.run(context, options, line.has(TIMINGS)).exit();
    }
}
