package io.alertas.runner;

import io.alertas.core.pass.SecretsNeeded;
import io.alertas.core.pass.StoredState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** status: per alert, what the state says of it (last run, last fired, throttles, silences, pending, failures). */
final class StatusCommand implements Command.OnConfig {

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String manual() {
        return """
                    status               per alert: last run, last fired, throttled keys, silences, pending
                                         deliveries and last failure; the maintenance windows in force
                                         and the next one of each
                        --json           the same as JSON
                        --history NAME   alert NAME's history read from the cluster, newest first, one
                                         line per document (docs/history.md)
                        --since DURATION with --history: how far back (24h by default)
                """;
    }

    @Override
    public SecretsNeeded secretsNeeded(CommandLine line) {
        return line.has(HistoryStatus.HISTORY) ? SecretsNeeded.CLUSTER : SecretsNeeded.STATE;
    }

    @Override
    public List<Option<?>> options() {
        return List.of(Option.JSON, Option.PLUGINS, HistoryStatus.HISTORY, HistoryStatus.SINCE);
    }

    @Override
    public int run(CommandLine line, Context context) {
        if (line.has(HistoryStatus.HISTORY)) {
            return HistoryStatus.run(line, context);
        }
        if (line.has(HistoryStatus.SINCE)) {
            context.console().error("--since goes with --history NAME");
            return Main.USAGE;
        }
        Optional<StoredState> state = context.stored();
        if (state.isEmpty()) {
            return Main.FAILED;
        }
        Instant now = context.clock().instant();
        Status status = Status.of(context.alertas().alerts(), state.get(), now,
                        NextRuns.of(context.alertas().operations(), state.get(), now))
                .maintenance(context.alertas().operations().maintenance(now))
                .with(DigestsAndFlapping.of(context.alertas().operations()));
        if (line.has(Option.JSON)) {
            context.console().json(status.json());
        } else {
            status.lines().forEach(context.console()::say);
        }
        return Main.OK;
    }
}
