package io.alertas.plugins.infra;

import io.alertas.spi.AlertDefinition;
import io.alertas.spi.AlertModule;
import io.alertas.spi.Param;
import io.alertas.spi.Query;
import io.alertas.spi.Responses;
import io.alertas.spi.Rule;
import io.alertas.spi.Severity;
import io.alertas.spi.rules.Rules;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Infrastructure alerts over Metricbeat system metrics, Heartbeat monitors, logs and the cluster itself. */
public final class InfraAlerts implements AlertModule {

    static final String METRICS = "metricbeat-*,metrics-system.*";
    static final String HEARTBEAT = "heartbeat-*,synthetics-*";
    static final String LOGS = "logs-*,filebeat-*";

    @Override
    public String name() {
        return "infra";
    }

    @Override
    public List<AlertDefinition> alerts() {
        return List.of(
                search("filesystem_usage", Severity.WARNING, METRICS, Duration.ofHours(2),
                        "A filesystem is fuller than threshold, per host and mount point (Metricbeat system.filesystem.used.pct)")
                        .param(fraction("the fraction used above which a filesystem is reported (0.9 = 90 %)"))
                        .evaluator(new FilesystemUsage())
                        .build(),
                ruled("cpu_high", Severity.WARNING, METRICS, Duration.ofHours(1),
                        "A host's average CPU over the window is above threshold (system.cpu.total.norm.pct)")
                        .param(fraction("the average fraction above which a host is reported"))
                        .rule(hostAverage("CPU", "cpu", "system.cpu.total.norm.pct"))
                        .build(),
                ruled("memory_high", Severity.WARNING, METRICS, Duration.ofHours(1),
                        "A host's average memory use over the window is above threshold (system.memory.actual.used.pct)")
                        .param(fraction("the average fraction above which a host is reported"))
                        .rule(hostAverage("memory", "memory", "system.memory.actual.used.pct"))
                        .build(),
                search("host_silent", Severity.CRITICAL, METRICS, Duration.ofHours(1),
                        "A host that sent metrics in the last lookback_hours sent none for silent_minutes")
                        .param(Param.integer("lookback_hours", 24).atLeast(1)
                                .description("how far back a host counts as one that should report"))
                        .param(Param.integer("silent_minutes", 10).atLeast(1)
                                .description("how long without a document makes a host silent"))
                        .evaluator(new HostSilent())
                        .build(),
                search("monitor_down", Severity.CRITICAL, HEARTBEAT, Duration.ofMinutes(30),
                        "A Heartbeat monitor's latest check in the window is down, with its URL and error")
                        .evaluator(new MonitorDown())
                        .build(),
                search("tls_certificate_expiring", Severity.WARNING, HEARTBEAT, Duration.ofDays(1),
                        "A Heartbeat monitor's TLS certificate expires within days (tls.server.x509.not_after)")
                        .param(Param.integer("days", 14).atLeast(1).description("how many days ahead to warn"))
                        .evaluator(new CertificateExpiring())
                        .build(),
                AlertDefinition.builder("cluster_health")
                        .description("The cluster's health (GET /_cluster/health) is not green; fire_on \"red\" ignores yellow")
                        .severity(Severity.CRITICAL)
                        .request("GET", "/_cluster/health")
                        .throttlePeriod(Duration.ofMinutes(30))
                        .param(Param.string("fire_on", "yellow").oneOf("yellow", "red")
                                .description("`\"yellow\"` fires on yellow and red, `\"red\"` on red only"))
                        .evaluator(new ClusterHealth())
                        .build(),
                ruled("error_log_spike", Severity.WARNING, LOGS, Duration.ofHours(1),
                        "A service logs more than factor times its usual errors (log.level error, per service.name)")
                        .param(Param.number("factor", 3).atLeast(1)
                                .description("how many times the baseline average makes a spike"))
                        .param(Param.integer("min_count", 10).atLeast(1)
                                .description("fewer errors than this in the window never fire"))
                        .rule(Rules.spike().filter("{\"terms\": {\"log.level\": [\"error\", \"ERROR\", \"Error\"]}}")
                                .groupBy("service.name").factor(3).minCount(10)
                                .param("reference", Param.integer("baseline_minutes", 60).atLeast(1)
                                        .description("how much history before the window makes the baseline"))
                                .summary("Error spike")
                                .describe((g, c) -> Responses.count(g.count(), "error") + " in the window, against "
                                        + String.format(Locale.ROOT, "%.1f", g.reference()) + " a window before")
                                .build())
                        .build());
    }

    private static Param fraction(String description) {
        return Param.number("threshold", 0.9).between(0, 1).description(description);
    }

    /**
     * Per host, the average of a usage fraction over the window above {@code threshold}: the shape of
     * cpu_high and memory_high.
     */
    private static Rule hostAverage(String what, String metricset, String field) {
        return Rules.metric().filter("{\"term\": {\"metricset.name\": \"" + metricset + "\"}}").groupBy("host.name")
                .size(10_000).field(field).above(0.9)
                .summary(c -> what + " above " + Percent.of(c.number("threshold")))
                .describe((g, c) -> "average " + what + " " + Percent.of(g.value()) + " over "
                        + Responses.count(g.count(), "sample"))
                .build();
    }

    private static AlertDefinition.Builder search(String name, Severity severity, String index, Duration throttle,
            String description) {
        return ruled(name, severity, index, throttle, description)
                .query(Query.resource(InfraAlerts.class, "/queries/infra/" + name + ".json"));
    }

    /** An alert whose rule writes its query. */
    private static AlertDefinition.Builder ruled(String name, Severity severity, String index, Duration throttle,
            String description) {
        return AlertDefinition.builder(name)
                .description(description)
                .severity(severity)
                .index(index)
                .throttlePeriod(throttle);
    }
}
