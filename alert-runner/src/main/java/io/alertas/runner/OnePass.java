package io.alertas.runner;

import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.StateLockedException;
import io.alertas.core.pass.StoredState;
import io.alertas.spi.Notification;
import java.io.IOException;
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
    static Outcome run(Context context, PassOptions options, boolean timings) {
        Console console = context.console();
        PassReport report;
        try {
            report = context.alertas().runPass(options);
        } catch (StateLockedException e) {
            context.log().warn(Logging.SAID, "pass not run: {}", e.getMessage());
            console.error(e.getMessage() + "; nothing done");
            return new Outcome(Main.LOCKED, Optional.empty());
        } catch (IOException e) {
            context.log().error(Logging.SAID, "pass not run: the state cannot be read or written", e);
            console.error(Messages.firstLine(e) + "; no alert was run and nothing was sent: the next"
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
        report.state().ifPresent(state -> watch(context, report, state));
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
            } else if (delivery.result() == PassReport.Result.MAINTENANCE) {
                console.say("in a maintenance window on " + delivery.medium() + ": " + delivery.alert());
            }
        }
    }

    /** Where this run spent its time, one phase a line (the runner's, then the engine's), and the sum. */
    private static void printTimings(Context context) {
        RunTimings timings = context.timings();
        if (context.entered() > 0) {
            timings.entered(context.entered());
        }
        context.console().table(timings.rows(context.alertas().timings()));
    }

    /** Leaves the metrics, the status page and the dead-man ping that the "monitoring" section asks for. */
    private static void watch(Context context, PassReport report, StoredState state) {
        SelfMonitoring monitoring = new SelfMonitoring(context.alertas().monitoring(), context.console().mask());
        boolean page = context.alertas().monitoring().statusPage().isPresent();
        DigestsAndFlapping gathered = !page ? DigestsAndFlapping.NONE
                : DigestsAndFlapping.of(context.alertas().operations());   // read again only for the page
        Status status = Status.of(context.alertas().alerts(), state, report.now(),
                        NextRuns.of(context.alertas().operations(), state, report.now()))
                .maintenance(!page ? List.of() : context.alertas().operations().maintenance(report.now())).with(gathered);
        if (page) {
            status.chart(FiringsChart.html(context.alertas().operations(), report.now(), context.console().mask(),
                    context.alertas().passTimeout().minus(report.took())));
        }
        for (String warning : monitoring.after(report, state, status)) {
            context.log().warn(Logging.SAID, warning);
            context.console().complain("warning: " + warning);
        }
    }
}
