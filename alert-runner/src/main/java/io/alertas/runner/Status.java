package io.alertas.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.alertas.core.pass.ConfiguredAlert;
import io.alertas.core.pass.MaintenanceStatus;
import io.alertas.core.pass.Mask;
import io.alertas.core.pass.Silence;
import io.alertas.core.pass.StoredState;
import io.alertas.core.pass.StoredState.PassRecord;
import io.alertas.core.pass.StoredState.Waiting;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What an on-call engineer asks of the runner, read from the stored state: per alert its last run, last
 * firing, keys throttled and until when, silences, notifications waiting with their attempts and last error,
 * and its last failure; and each runner's last pass. Shown by {@code status} as a table or JSON, and written
 * as the status page after each pass.
 */
final class Status {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One alert's line. Fields are read by the page's template. */
    record AlertStatus(String name, boolean active, Instant lastRun, Instant lastFired, Instant lastFailedAt,
            String lastError, boolean failing, List<Throttled> throttled, List<Silence> silences,
            List<Waiting> pending) {
    }

    /** A key the throttle keeps quiet on a medium until {@code until}, with the firings it held back. */
    record Throttled(String medium, String key, Instant until, int suppressed) {
    }

    final Instant now;
    final List<PassRecord> passes;
    final List<AlertStatus> alerts;
    /** The maintenance windows, in force or to come ({@link MaintenanceLines}). */
    private List<MaintenanceStatus> maintenance = List.of();
    /** The digests being gathered and the keys flapping. */
    private DigestsAndFlapping operations = DigestsAndFlapping.NONE;
    final NextRuns nextRuns;
    /** The page's chart of firings (HTML made by {@link FiringsChart}), or empty. */
    private String chart = "";

    private Status(Instant now, List<PassRecord> passes, List<AlertStatus> alerts, NextRuns nextRuns) {
        this.now = now;
        this.passes = passes;
        this.alerts = alerts;
        this.nextRuns = nextRuns;
    }

    /** This status with the digests being gathered and the keys flapping. */
    Status with(DigestsAndFlapping operations) {
        this.operations = operations;
        return this;
    }

    /**
     * The status of {@code alerts} in {@code state} at {@code now}, with the next runs of the scheduled ones;
     * silences that ended are left out.
     */
    static Status of(List<ConfiguredAlert> alerts, StoredState state, Instant now, NextRuns nextRuns) {
        List<AlertStatus> lines = new ArrayList<>();
        for (ConfiguredAlert alert : alerts) {
            StoredState.Activity activity = state.activity().get(alert.name());
            List<Throttled> throttled = new ArrayList<>();
            state.throttled().stream().filter(t -> t.alert().equals(alert.name())).forEach(t -> {
                Instant until = t.deliveredAt().plus(alert.throttlePeriod());
                if (until.isAfter(now)) {
                    throttled.add(new Throttled(t.medium(), t.key() == null ? "(whole alert)" : t.key(), until,
                            t.suppressed()));
                }
            });
            List<Silence> silences = state.silences().stream()
                    .filter(s -> s.alert().equals(alert.name()) && s.until().isAfter(now)).toList();
            List<Waiting> pending = state.pending().stream().filter(p -> p.alert().equals(alert.name())).toList();
            lines.add(new AlertStatus(alert.name(), alert.active(), activity == null ? null : activity.lastRun(),
                    activity == null ? null : activity.lastFired(), activity == null ? null : activity.lastFailedAt(),
                    activity == null ? null : activity.lastError(), activity != null && activity.failing(), throttled,
                    silences, pending));
        }
        List<PassRecord> passes = state.passes().stream()
                .sorted(Comparator.comparing(PassRecord::at).reversed()).toList();
        return new Status(now, passes, lines, nextRuns);
    }

    /** This status with the maintenance windows as of its instant. */
    Status maintenance(List<MaintenanceStatus> windows) {
        this.maintenance = List.copyOf(windows);
        return this;
    }

    /** This status, whose page shows {@code html} as its chart of firings. */
    Status chart(String html) {
        this.chart = html;
        return this;
    }

    /** The status for a terminal: the passes, a table of alerts, then what is throttled, silenced, waiting or failing. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (passes.isEmpty()) {
            lines.add("no pass has run yet");
        }
        for (PassRecord pass : passes) {
            lines.add("last pass on " + pass.runner() + ": " + pass.at() + ", " + (pass.succeeded() ? "succeeded" : "failed")
                    + " in " + seconds(pass.took()) + "; last success " + (pass.lastSuccess() == null ? "never" : pass.lastSuccess())
                    + "; " + Counts.of(pass.passes(), "pass", "passes") + ", " + pass.failed() + " failed");
        }
        lines.add("");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ALERT", "ACTIVE", "LAST RUN", "LAST FIRED", "THROTTLED", "SILENCED", "PENDING", "LAST FAILURE"});
        for (AlertStatus a : alerts) {
            rows.add(new String[] {a.name(), a.active() ? "yes" : "no", Instants.text(a.lastRun()), Instants.text(a.lastFired()),
                    count(a.throttled().size()), count(a.silences().size()), count(a.pending().size()),
                    a.lastFailedAt() == null ? "-" : Instants.text(a.lastFailedAt()) + (a.failing() ? " (failing)" : "")});
        }
        lines.addAll(Tables.lines(rows));
        section(lines, "throttled:", alerts.stream().flatMap(a -> a.throttled().stream().map(t -> "  " + a.name() + ": "
                + t.key() + " on " + t.medium() + " until " + Instants.text(t.until())
                + (t.suppressed() == 0 ? "" : " (" + t.suppressed() + " held back)"))).toList());
        section(lines, "silences:", alerts.stream().flatMap(a -> a.silences().stream().map(s -> "  " + silence(s))).toList());
        section(lines, "pending deliveries:", alerts.stream().flatMap(a -> a.pending().stream().map(p -> "  " + a.name()
                + (p.resolved() ? " (resolved)" : "") + " to " + p.medium() + ": " + p.attempts() + " attempts since "
                + Instants.text(p.firstFailedAt()) + ", last error: " + p.lastError())).toList());
        section(lines, "failing:", alerts.stream().filter(AlertStatus::failing)
                .map(a -> "  " + a.name() + " at " + Instants.text(a.lastFailedAt()) + ": " + a.lastError()).toList());
        section(lines, "maintenance windows:", MaintenanceLines.lines(maintenance));
        lines.addAll(operations.lines());
        lines.addAll(nextRuns.lines());
        return lines;
    }

    /** A silence in one line, as status and silence --list show it. */
    static String silence(Silence s) {
        return s.id() + "  " + s.alert() + "  " + s.scope() + "  until " + Instants.text(s.until()) + "  " + s.muted() + " muted"
                + (s.reason().isEmpty() ? "" : "  (" + s.reason() + ")");
    }

    private static void section(List<String> lines, String title, List<String> entries) {
        if (!entries.isEmpty()) {
            lines.add("");
            lines.add(title);
            lines.addAll(entries);
        }
    }

    private static String count(int n) {
        return n == 0 ? "-" : String.valueOf(n);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2fs", d.toMillis() / 1000.0);
    }

    ObjectNode json() {
        ObjectNode root = JSON.createObjectNode().put("now", now.toString());
        ArrayNode runs = root.putArray("passes");
        for (PassRecord p : passes) {
            ObjectNode pass = runs.addObject().put("runner", p.runner()).put("at", p.at().toString())
                    .put("took_ms", p.took().toMillis()).put("succeeded", p.succeeded())
                    .put("passes", p.passes()).put("failed", p.failed());
            pass.put("last_success", p.lastSuccess() == null ? null : p.lastSuccess().toString());
        }
        ArrayNode list = root.putArray("alerts");
        for (AlertStatus a : alerts) {
            ObjectNode alert = list.addObject().put("alert", a.name()).put("active", a.active())
                    .put("last_run", string(a.lastRun())).put("last_fired", string(a.lastFired()))
                    .put("failing", a.failing());
            if (a.lastFailedAt() != null) {
                alert.putObject("last_failure").put("at", a.lastFailedAt().toString()).put("error", a.lastError());
            } else {
                alert.putNull("last_failure");
            }
            ArrayNode throttled = alert.putArray("throttled");
            a.throttled().forEach(t -> throttled.addObject().put("medium", t.medium()).put("key", t.key())
                    .put("until", t.until().toString()).put("held_back", t.suppressed()));
            ArrayNode silences = alert.putArray("silences");
            a.silences().forEach(s -> silences.add(silenceJson(s)));
            ArrayNode pending = alert.putArray("pending");
            a.pending().forEach(p -> pending.addObject().put("medium", p.medium()).put("attempts", p.attempts())
                    .put("first_failed_at", p.firstFailedAt().toString()).put("last_error", p.lastError())
                    .put("resolved", p.resolved()));
        }
        root.set("maintenance", MaintenanceLines.json(maintenance));
        operations.json(root);
        root.set("next_runs", nextRuns.json());
        return root;
    }

    static ObjectNode silenceJson(Silence s) {
        return JSON.createObjectNode().put("id", s.id()).put("alert", s.alert()).put("key", s.key())
                .put("from", s.from().toString()).put("until", s.until().toString()).put("reason", s.reason())
                .put("muted", s.muted());
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * The status page: the same as {@link #lines()}, as HTML readable on a phone; every value is masked, then
     * escaped. The markup is the page's own, so a secret that is a word never breaks it.
     */
    String html(Mask mask) {
        Mustache page = new DefaultMustacheFactory("io/alertas/runner") {
            @Override
            public void encode(String value, Writer writer) {
                super.encode(mask.mask(value), writer);
            }
        }.compile("status.html.mustache");
        StringWriter out = new StringWriter();
        page.execute(out, new Page(this));
        return out.toString();
    }

    /** What the page's template reads. */
    private record Page(Status status) {
        @SuppressWarnings("unused") // read by the template
        String now() {
            return status.now.toString();
        }

        @SuppressWarnings("unused")
        List<PassRecord> passes() {
            return status.passes;
        }

        @SuppressWarnings("unused")
        List<AlertStatus> alerts() {
            return status.alerts;
        }

        @SuppressWarnings("unused") // masked and escaped by FiringsChart
        String chart() {
            return status.chart;
        }

        @SuppressWarnings("unused")
        List<AlertStatus> failing() {
            return status.alerts.stream().filter(AlertStatus::failing).toList();
        }

        @SuppressWarnings("unused")
        List<MaintenanceLines.Row> maintenance() {
            return MaintenanceLines.rows(status.maintenance);
        }

        @SuppressWarnings("unused")
        List<String> digests() {
            return status.operations.digestLines();
        }

        @SuppressWarnings("unused")
        List<String> flapping() {
            return status.operations.flappingLines();
        }

        @SuppressWarnings("unused")
        NextRuns nextRuns() {
            return status.nextRuns;
        }

        @SuppressWarnings("unused")
        boolean anyFailing() {
            return status.alerts.stream().anyMatch(AlertStatus::failing);
        }
    }
}
