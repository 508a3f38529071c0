package com.example.alerts;

import io.alertas.spi.AlertDefinition;
import io.alertas.spi.AlertModule;
import io.alertas.spi.Param;
import io.alertas.spi.Query;
import io.alertas.spi.Severity;
import java.time.Duration;
import java.util.List;

/** The checkout team's alerts; listed in META-INF/services/io.alertas.spi.AlertModule. */
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
                .param(Param.integer("threshold", 3).atLeast(1)
                        .description("failed payments of one provider in the window that fire"))
                .evaluator(new PaymentFailures())
                .build());
    }
}
