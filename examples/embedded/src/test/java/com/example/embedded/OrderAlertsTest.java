package com.example.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.Alertas;
import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.PassReport;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The program against a real Elasticsearch: its Java alert fires to its console medium, then the throttle holds. */
@ExtendWith(ElasticsearchExtension.class)
class OrderAlertsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");

    private static ObjectNode failed(String at) {
        return order(at, "lisbon", "failed");
    }

    private static ObjectNode order(String at, String shop, String status) {
        return JSON.createObjectNode().put("@timestamp", at).put("shop", shop).put("status", status);
    }

    @Test
    void aPassDeliversToTheConsoleAndTheNextIsThrottled(ElasticsearchNode node, @TempDir Path state) throws Exception {
        node.createIndex("orders-2026.05", JSON.readTree(
                "{\"properties\": {\"@timestamp\": {\"type\": \"date\"}, \"shop\": {\"type\": \"keyword\"},"
                        + " \"status\": {\"type\": \"keyword\"}}}"));
        List<ObjectNode> orders = new ArrayList<>();
        orders.add(failed("2026-05-04T10:13:10Z"));
        orders.add(failed("2026-05-04T10:13:20Z"));
        orders.add(order("2026-05-04T10:13:30Z", "lisbon", "paid"));
        orders.add(order("2026-05-04T10:13:40Z", "porto", "failed"));
        node.index("orders-2026.05", orders);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Alertas alertas = OrderAlerts.alertas(node.url(), ElasticsearchNode.USERNAME, ElasticsearchNode.PASSWORD,
                node.caCertificate(), state, new PrintStream(console, true, StandardCharsets.UTF_8));

        PassReport first = alertas.runPass(PassOptions.all().at(NOW));
        node.index("orders-2026.05", List.of(failed("2026-05-04T10:14:30Z"), failed("2026-05-04T10:14:40Z")));
        PassReport second = alertas.runPass(PassOptions.all().at(NOW.plusSeconds(60)));

        assertTrue(first.succeeded(), first.failures().toString());
        assertEquals("""
                [CRITICAL] orders_failing (1 finding) Orders failing: lisbon
                  lisbon: 2 failed orders
                """, console.toString(StandardCharsets.UTF_8));
        assertEquals(1, first.count(PassReport.Result.DELIVERED));
        assertEquals(1, second.fired(), "lisbon failed again in the next window");
        assertEquals(1, second.count(PassReport.Result.THROTTLED), "and is kept quiet by the 30 minute throttle");
        assertTrue(Files.isRegularFile(state.resolve("throttle_period.json")), "the throttle is kept in the state folder");
    }
}
