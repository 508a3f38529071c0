package com.example.alerts;

import io.alertas.core.spi.AlertDefinition;
import io.alertas.core.spi.AlertModule;
import io.alertas.core.spi.Query;
import io.alertas.core.spi.Severity;
import java.time.Duration;
import java.util.List;

/** The checkout team's alerts; listed in META-INF/services/io.alertas.core.spi.AlertModule. */
public final class CheckoutAlerts implements AlertModule {

    @Override
    public String name() {
        return "checkout";
    }

    @Override
    public List<AlertDefinition> alerts() {
        return List.of(AlertDefinition.builder("payment_failures")
                .description("A payment provider failed at least threshold payments in the window")
                .severity(Severity.CRITICAL)
                .index("logs-checkout-*")
                .query(Query.resource(CheckoutAlerts.class, "/queries/payment_failures.json"))
                .throttlePeriod(Duration.ofMinutes(15))
                .param("threshold", 3)
                .evaluator(new PaymentFailures())
                .build());
    }
}
