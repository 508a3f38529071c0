package io.alertas.runner;

import io.alertas.core.internal.AlertMaster;
import io.alertas.core.internal.Timings;
import io.alertas.core.internal.state.State;
import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.StateLockedException;
import io.alertas.spi.Notification;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One pass as run and serve make it: the report said on stdout and stderr, then the monitoring the config asks
 * for.
 */
final class OnePass {

    private OnePass() {
    }

    /** What one pass came to: its exit code, and its report when it ran. */
    record Outcome(int exit, Optional<PassReport> report) {
    }

    /** Runs one pass; {@code timings} prints where the run spent its time after the summary. */
    static Outcome run(Context context, AlertMaster master, PassOptions options, boolean timings) {
        Console console = context.console();
        PassReport report;
        try {
            report = master.run(options);
        } catch (StateLockedException e) {
            context.log().warn("pass not run: {}", e.getMessage());
            console.complain("alert-runner: " + e.getMessage() + "; nothing done");
            return new Outcome(Main.LOCKED, Optional.empty());
        } catch (IOException e) {
            context.log().error("pass not run: the state cannot be read or written", e);
            console.complain("alert-runner: " + Messages.firstLine(e) + "; no alert was run and nothing was sent: the next"
                    + " pass that can read and write its state catches up");
            return new Outcome(Main.FAILED, Optional.empty());
        }
        report.warnings().forEach(w -> console.complain("warning: " + w));
        report.notices().forEach(console::say);
        if (options.dryRun()) {
            printDryRun(console, report);
        }
        console.say(report.summary());
        report.failures().forEach(console::complain);
        if (timings) {
            printTimings(context);
        }
        if (!options.dryRun()) {
            watch(context, master, report);
        }
        return new Outcome(report.succeeded() ? Main.OK : Main.FAILED, Optional.of(report));
    }

    private static void printDryRun(Console console, PassReport report) {
        for (PassReport.Delivery delivery : report.deliveries()) {
            if (delivery.result() == PassReport.Result.DRY_RUN) {
                Notification n = delivery.notification();
                console.say("would send to " + delivery.medium() + ": " + n.title() + ": " + n.message());
                n.findings().forEach(f -> console.say("  - " + f.key() + ": " + f.text()));
            } else if (delivery.result() == PassReport.Result.THROTTLED) {
                console.say("throttled on " + delivery.medium() + ": " + delivery.alert());
            }
        }
    }

    /** Where this run spent its time, one phase a line, and the sum. */
    private static void printTimings(Context context) {
        Timings timings = context.timings();
        if (context.entered() > 0) {
            timings.add(Timings.Phase.START, Duration.ofMillis(context.entered() - launched()));
        }
        List<String[]> rows = new ArrayList<>();
        Duration sum = Duration.ZERO;
        for (Timings.Phase phase : Timings.Phase.values()) {
            Duration took = timings.of(phase);
            sum = sum.plus(took);
            rows.add(new String[] {"timings", phase.label(), took.toMillis() + " ms"});
        }
        rows.add(new String[] {"timings", "sum", sum.toMillis() + " ms"});
        context.console().table(rows);
    }

    /**
     * When this process was launched, in ms since the epoch: bin/alertas passes the time it started java
     * ({@code alertas.launched}); otherwise the JVM's own start, which leaves out the launcher's work.
     */
    private static long launched() {
        String launched = System.getProperty("alertas.launched");
        if (launched != null && launched.matches("\\d{13,}")) {
            return Long.parseLong(launched.substring(0, 13));
        }
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Leaves the metrics, the status page and the dead-man ping that the "monitoring" section asks for. */
    private static void watch(Context context, AlertMaster master, PassReport report) {
        SelfMonitoring monitoring = new SelfMonitoring(context.config().monitoring(), context.console().secrets());
        if (!monitoring.wanted()) {
            return;
        }
        State state;
        try {
            state = master.state();
        } catch (IOException e) {
            context.console().complain("warning: the state could not be read back for the metrics and status page: "
                    + Messages.firstLine(e));
            return;
        }
        for (String warning : monitoring.after(report, state, Status.of(context.config().alerts(), state, report.now()))) {
            context.log().warn(warning);
            context.console().complain("warning: " + warning);
        }
    }
}
