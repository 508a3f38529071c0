package io.alertas.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local PagerDuty Events API v2 ({@code POST /v2/enqueue}), Opsgenie Alert API ({@code POST /v2/alerts}) and
 * Teams Workflows webhook ({@code POST /workflows/...}), answering as each documents: 202 for what it takes;
 * 400 "invalid event" (PagerDuty) or 422 (Opsgenie) for an event without its required fields; 429 past the rate
 * limit of the current minute ({@link #perMinute}, PagerDuty's documented 120 events a minute per routing key);
 * 413 for a Teams message over 28 KB, counted in bytes. It can also be told to refuse every event, or to take
 * connections and never answer. Thread-safe.
 */
final class TestingProviders implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Teams' message limit: 28 KB. */
    static final int TEAMS_MAX_BYTES = 28 * 1024;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "testing-providers");
        thread.setDaemon(true);
        return thread;
    });
    private final List<JsonNode> accepted = new ArrayList<>();
    private final List<Integer> answers = new ArrayList<>();
    private int perMinute = Integer.MAX_VALUE;
    private int thisMinute;
    private boolean refusing;
    private volatile boolean hanging;

    private TestingProviders(HttpServer server) {
        this.server = server;
    }

    static TestingProviders start() {
        try {
            TestingProviders providers = new TestingProviders(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            providers.server.createContext("/", providers::handle);
            providers.server.setExecutor(providers.threads);
            providers.server.start();
            return providers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Takes at most {@code events} events a minute; the minute starts over with {@link #nextMinute}. */
    synchronized void perMinute(int events) {
        perMinute = events;
    }

    synchronized void nextMinute() {
        thisMinute = 0;
    }

    /** Answers every event as invalid from now on. */
    synchronized void refuse() {
        refusing = true;
    }

    /** Takes requests and never answers them (nor takes their events) while {@code hanging}. */
    void hang(boolean hanging) {
        this.hanging = hanging;
    }

    /** Every event or message taken (answered 202), oldest first. */
    synchronized List<JsonNode> accepted() {
        return List.copyOf(accepted);
    }

    /** The status of every answer given, oldest first. */
    synchronized List<Integer> answers() {
        return List.copyOf(answers);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (hanging) {
            while (hanging) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    break;
                }
            }
            exchange.close(); // never answered, never taken
            return;
        }
        JsonNode body = JSON.readTree(bytes);
        String path = exchange.getRequestURI().getPath();
        int status;
        String answer;
        synchronized (this) {
            if (path.startsWith("/workflows/") && bytes.length > TEAMS_MAX_BYTES) {
                status = 413;
                answer = "Request Entity Too Large";
            } else if (path.equals("/v2/enqueue") && (refusing || body.path("routing_key").asText().isBlank()
                    || body.path("event_action").asText().equals("trigger") && body.at("/payload/summary").asText().isBlank())) {
                status = 400;
                answer = "{\"status\": \"invalid event\", \"message\": \"Event object is invalid\","
                        + " \"errors\": [\"'payload.summary' is missing or blank\"]}";
            } else if (path.equals("/v2/alerts") && (refusing || body.path("message").asText().isBlank())) {
                status = 422;
                answer = "{\"message\": \"Request body is not processable. Please check the errors.\", \"took\": 0.001}";
            } else if (++thisMinute > perMinute) {
                status = 429;
                answer = path.equals("/v2/enqueue")
                        ? "{\"status\": \"throttle event\", \"message\": \"Requests for this service are arriving too quickly.\"}"
                        : "{\"message\": \"You are making too many requests!\", \"took\": 0.0}";
            } else {
                status = 202;
                answer = path.equals("/v2/enqueue") ? "{\"status\": \"success\", \"message\": \"Event processed\"}"
                        : "{\"result\": \"Request will be processed\", \"took\": 0.1}";
                accepted.add(body);
            }
            answers.add(status);
        }
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void close() {
        hanging = false;
        server.stop(0);
        threads.shutdownNow();
    }
}
