package io.alertas.plugins.infra;

import io.alertas.core.spi.AlertDefinition;
import io.alertas.core.spi.AlertModule;
import io.alertas.core.spi.Query;
import io.alertas.core.spi.Severity;
import java.time.Duration;
import java.util.List;

/** Infrastructure alerts over Metricbeat system metrics. */
public final class InfraAlerts implements AlertModule {

    static final String METRICS = "metricbeat-*,metrics-system.*";

    @Override
    public String name() {
        return "infra";
    }

    @Override
    public List<AlertDefinition> alerts() {
        return List.of(AlertDefinition.builder("filesystem_usage")
                .description("A filesystem is fuller than the threshold (Metricbeat system.filesystem.used.pct)")
                .severity(Severity.WARNING)
                .index(METRICS)
                .query(Query.resource(InfraAlerts.class, "/queries/infra/filesystem_usage.json"))
                .throttlePeriod(Duration.ofHours(2))
                .param("threshold", 0.9)
                .evaluator(new FilesystemUsage())
                .build());
    }
}
