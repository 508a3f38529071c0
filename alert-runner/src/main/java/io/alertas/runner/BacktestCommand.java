package io.alertas.runner;

import io.alertas.core.pass.SecretsNeeded;
import io.alertas.core.pass.Backtest;
import io.alertas.core.pass.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** backtest [NAME...] --from --to: replays the passes cron would have run over history; sends nothing. */
final class BacktestCommand implements Command.OnConfig {

    private static final Option<Instant> FROM = Option.instant("--from");
    private static final Option<Instant> TO = Option.instant("--to");
    private static final Option<Duration> STEP = Option.duration("--step");
    private static final Option<Boolean> FORCE = Option.flag("--force");

    @Override
    public String name() {
        return "backtest";
    }

    @Override
    public String manual() {
        return """
                    backtest [NAME...] --from INSTANT [--to INSTANT]
                                         replay the passes cron would have run over history (every active
                                         alert that reads history when no NAME is given; a named one even if
                                         switched off) and print what would have been sent and when; send
                                         nothing, change no state
                        --step DURATION  one pass every DURATION (1m, cron's cadence, by default)
                        --json           the result as JSON
                        --force          run it even when it replays more than 1,000,000 windows (all its
                                         alerts together), which it otherwise refuses with an estimate
                """;
    }

    @Override
    public SecretsNeeded secretsNeeded(CommandLine line) {
        return SecretsNeeded.CLUSTER;
    }

    @Override
    public List<Option<?>> options() {
        return List.of(FROM, TO, STEP, Option.JSON, FORCE, Option.PLUGINS);
    }

    /** Any number of names, and --from. */
    @Override
    public void check(CommandLine line) throws UsageException {
        if (!line.has(FROM)) {
            throw new UsageException("backtest needs --from INSTANT (and --to INSTANT, now by default)");
        }
    }

    @Override
    public int run(CommandLine line, Context context) {
        for (String name : line.names()) {
            if (context.unknown(name)) {
                return Main.USAGE;
            }
        }
        Instant from = line.value(FROM).orElseThrow();
        Instant to = line.value(TO).orElseGet(context.clock()::instant);
        Duration step = line.value(STEP).orElse(Duration.ofMinutes(1));
        boolean json = line.has(Option.JSON);
        Backtest backtest;
        Backtests output;
        try {
            Backtests.requireRange(from, to, step);
            backtest = context.alertas().backtest(line.names(), from, to, step);
            output = new Backtests(from, to, step, backtest.windows());
            output.refuseIfTooLong(backtest.alerts(), line.has(FORCE));
        } catch (IllegalArgumentException e) {
            context.console().error(e.getMessage());
            return Main.USAGE;
        }
        List<Replay> replays = backtest.run(System.console() != null && !json
                ? output.progressBar(context.console().err()) : (done, total) -> { });
        if (json) {
            context.console().json(output.json(replays));
        } else {
            output.lines(replays).forEach(context.console()::say);
        }
        return replays.stream().allMatch(r -> r.failures().isEmpty()) ? Main.OK : Main.FAILED;
    }
}
