package io.alertas.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What {@code serve --listen HOST:PORT} serves: {@code GET /metrics}, the Prometheus text of the last pass (503
 * before the first). The JDK's HTTP server: one endpoint needs no library.
 */
final class MetricsServer {

    private MetricsServer() {
    }

    static HttpServer start(String listen, Supplier<String> metrics) throws IOException {
        int colon = listen.lastIndexOf(':');
        HttpServer server = HttpServer.create(
                new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))), 0);
        server.createContext("/metrics", exchange -> answer(exchange, metrics.get()));
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, String metrics) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = (metrics == null ? "no pass has ended yet\n" : metrics).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", metrics == null ? "text/plain; charset=utf-8"
                    : "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(metrics == null ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
