package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    @Test
    void serveListensOnABracketedIpv6Address() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket()) {
            free.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            port = free.getLocalPort();
        }
        CommandLine line = CommandLine.parse(new String[] {"serve", "--listen", "[::1]:" + port, "--config", "/nonexistent"},
                Main.COMMANDS);

        try (MetricsServer server = MetricsServer.start(line.value(ServeCommand.LISTEN).orElseThrow(), () -> "alertas_up 1\n")) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://[::1]:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals("http://[0:0:0:0:0:0:0:1]:" + port + "/metrics", server.url());
            assertEquals(200, answer.statusCode());
            assertEquals("alertas_up 1\n", answer.body());
        }
    }
}
