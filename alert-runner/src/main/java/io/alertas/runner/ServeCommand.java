package io.alertas.runner;

import io.alertas.core.pass.ConfiguredAlert;
import io.alertas.core.pass.PassOptions;
import io.alertas.spi.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * serve: run's passes in this JVM, one at each boundary of --every, until SIGTERM (the shutdown hook lets the
 * pass under way end, then the JVM exits). --listen serves the last pass's metrics at /metrics.
 */
final class ServeCommand implements Command.OnConfig {

    private static final Option<Duration> EVERY = Option.duration("--every");
    /** Where the metrics are served: [HOST]:PORT. */
    static final Option<String> LISTEN = Option.text("--listen");

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String manual() {
        return """
                    serve                the passes of run in one JVM that stays: a pass at each minute's start,
                                         with run's lock, state and windows, until SIGTERM, which it honours
                                         between passes (cron stays the default; this is for thousands of alerts)
                        --every DURATION one pass at each boundary of DURATION (1m by default)
                        --listen [H]:P   serve the metrics of the last pass at http://H:P/metrics (H: loopback if left out;
                                         an IPv6 address in brackets, [::1]:9464)
                """;
    }

    @Override
    public List<Option<?>> options() {
        return List.of(Option.SHARD, EVERY, LISTEN, Option.PLUGINS);
    }

    /** Checks --every and --listen; names given to serve are let be, as they always were. */
    @Override
    public void check(CommandLine line) throws UsageException {
        if (every(line).compareTo(Duration.ofSeconds(1)) < 0) {
            throw new UsageException("--every must be at least 1s");
        }
        String listen = line.value(LISTEN).orElse(null);
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

    private static Duration every(CommandLine line) {
        return line.value(EVERY).orElse(Duration.ofMinutes(1));
    }

    @Override
    public int run(CommandLine line, Context context) {
        Console console = context.console();
        List<ConfiguredAlert> alerts = context.inShard();
        Duration every = every(line);
        Resident resident = new Resident(every, context.clock());
        AtomicReference<String> metrics = new AtomicReference<>();
        MetricsServer server = null;
        String listen = line.value(LISTEN).orElse(null);
        if (listen != null) {
            try {
                server = MetricsServer.start(listen, metrics::get);
            } catch (IOException e) {
                console.error("cannot listen on " + listen + ": " + Messages.firstLine(e));
                return Main.USAGE;
            }
        }
        console.say("serving " + Counts.of(alerts.stream().filter(ConfiguredAlert::active).count(), "active alert", "active alerts")
                + ": a pass at"
                + " each boundary of " + Durations.format(every)
                + (server == null ? "" : "; metrics at " + server.url())
                + "; SIGTERM stops it between passes");
        context.log().info("serve started: a pass every {}", Durations.format(every));
        MetricsServer listening = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            resident.stop(context.alertas().passTimeout().plusSeconds(30));
            if (listening != null) {
                listening.close();
            }
            context.log().info("serve stopped");
            console.say("serve stopped");
        }, "alertas-serve-stop"));
        resident.run(() -> OnePass.run(context, PassOptions.all(), false).report().ifPresent(report -> report.state()
                .ifPresent(state -> metrics.set(SelfMonitoring.metrics(report, state, console.mask())))));
        return Main.OK;
    }
}
