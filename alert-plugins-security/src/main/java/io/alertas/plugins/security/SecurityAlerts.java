package io.alertas.plugins.security;

import io.alertas.core.spi.AlertDefinition;
import io.alertas.core.spi.AlertModule;
import io.alertas.core.spi.Query;
import io.alertas.core.spi.Severity;
import java.time.Duration;
import java.util.List;

/** Security alerts over Windows Security events (Winlogbeat, Elastic Agent) and Linux auth logs. */
public final class SecurityAlerts implements AlertModule {

    static final String WINDOWS_SECURITY = "winlogbeat-*,logs-system.security-*";

    @Override
    public String name() {
        return "security";
    }

    @Override
    public List<AlertDefinition> alerts() {
        return List.of(AlertDefinition.builder("privileged_logon")
                .description("A watched privileged account logged on (Windows event 4624)")
                .severity(Severity.CRITICAL)
                .index(WINDOWS_SECURITY)
                .query(Query.resource(SecurityAlerts.class, "/queries/security/privileged_logon.json"))
                .throttlePeriod(Duration.ofMinutes(30))
                .param("users", List.of("Administrator"))
                .evaluator(new PrivilegedLogon())
                .build());
    }
}
