package com.example.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.Alertas;
import io.alertas.core.AlertasException;
import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.PassReport;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.AlertModule;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Param;
import io.alertas.spi.Query;
import io.alertas.spi.Responses;
import io.alertas.spi.Severity;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A shop's order service watching its own orders: one alert written in Java, notifications printed to the
 * console by a medium of its own, the throttle kept in a folder. No config file is read.
 *
 * <p>Run it with {@code ES_URL}, {@code ES_USERNAME}, {@code ES_PASSWORD} and {@code ES_CA} set; it runs a
 * pass every minute (or once with {@code --once}).
 */
public final class OrderAlerts implements AlertModule {

    private static final String QUERY = """
            {"size": 0,
             "query": {"bool": {"filter": [
               {"term": {"status": "failed"}},
               {"range": {"@timestamp": {"gte": "{{window.start}}", "lt": "{{window.end}}"}}}]}},
             "aggs": {"shops": {"terms": {"field": "shop", "size": 50}}}}
            """;

    @Override
    public String name() {
        return "orders";
    }

    @Override
    public List<AlertDefinition> alerts() {
        return List.of(AlertDefinition.builder("orders_failing")
                .description("A shop has at least min_failed failed orders in the window")
                .severity(Severity.CRITICAL)
                .index("orders-*")
                .query(Query.of("OrderAlerts.QUERY", QUERY))
                .throttlePeriod(Duration.ofMinutes(30))
                .param(Param.integer("min_failed", 2).atLeast(1).description("failed orders of one shop that fire"))
                .evaluator((response, context) -> {
                    List<Finding> findings = new ArrayList<>();
                    for (JsonNode shop : Responses.buckets(response, "shops")) {
                        long failed = shop.path("doc_count").asLong();
                        if (failed >= context.integer("min_failed")) {
                            findings.add(Finding.of(shop.path("key").asText(), Responses.count(failed, "failed order")));
                        }
                    }
                    return Evaluation.fire("Orders failing", findings);
                })
                .build());
    }

    /** The engine with this module, the console medium and the state in {@code stateDir}. */
    public static Alertas alertas(URI cluster, String username, String password, Path ca, Path stateDir, PrintStream console)
            throws AlertasException {
        Alertas.Builder builder = Alertas.builder()
                .elasticsearch(cluster)
                .basicAuth(username, password)
                .module(new OrderAlerts())
                .medium("console", new ConsoleMedium(console))
                .stateDir(stateDir);
        if (ca != null) {
            builder.caCertificate(ca);
        }
        return builder.build();
    }

    public static void main(String[] args) throws Exception {
        String ca = System.getenv("ES_CA");
        Alertas alertas = alertas(URI.create(required("ES_URL")), required("ES_USERNAME"), required("ES_PASSWORD"),
                ca == null ? null : Path.of(ca), Path.of(System.getProperty("user.dir")), System.out);
        if (List.of(args).contains("--once")) {
            System.exit(pass(alertas).succeeded() ? 0 : 1);
        }
        ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor();
        every.scheduleAtFixedRate(() -> pass(alertas), 0, 1, TimeUnit.MINUTES);
    }

    private static PassReport pass(Alertas alertas) {
        try {
            PassReport report = alertas.runPass(PassOptions.all());
            System.err.println(report.summary());
            report.failures().forEach(System.err::println);
            return report;
        } catch (Exception e) {
            System.err.println("pass not run: " + e.getMessage());
            throw new IllegalStateException(e);
        }
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("set " + variable);
        }
        return value;
    }
}
