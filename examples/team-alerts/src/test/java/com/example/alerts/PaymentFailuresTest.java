package com.example.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alertas.spi.Finding;
import io.alertas.testkit.AlertTester;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The alert against a real Elasticsearch that the testkit starts, over fixtures shaped as the service logs. */
@ExtendWith(ElasticsearchExtension.class)
class PaymentFailuresTest {

    static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");
    static final String INDEX = "logs-checkout-test";

    @BeforeAll
    static void indexLogs(ElasticsearchNode node) {
        node.createIndex(INDEX, Fixtures.json(PaymentFailuresTest.class, "/mappings/logs.json"));
        node.index(INDEX, Fixtures.load(PaymentFailuresTest.class, "/fixtures/payments.ndjson", NOW));
    }

    @Test
    void firesPerProviderWithAtLeastThreeFailures(ElasticsearchNode node) {
        List<Finding> findings = AlertTester.of(CheckoutAlerts.class, node)
                .assertFires("payment_failures", NOW, "Payments failing: acme-pay");

        assertEquals(List.of(Finding.of("acme-pay", "3 failed payments, errors gateway_timeout, card_declined")), findings);
    }

    @Test
    void theThresholdIsAParam(ElasticsearchNode node) {
        AlertTester.of(CheckoutAlerts.class, node)
                .set("payment_failures", Map.of("params", Map.of("threshold", 2)))
                .assertKeys("payment_failures", NOW, "acme-pay", "paybridge");
    }

    @Test
    void staysQuietBelowTheThreshold(ElasticsearchNode node) {
        AlertTester.of(CheckoutAlerts.class, node)
                .set("payment_failures", Map.of("params", Map.of("threshold", 4)))
                .assertQuiet("payment_failures", NOW);
    }
}
