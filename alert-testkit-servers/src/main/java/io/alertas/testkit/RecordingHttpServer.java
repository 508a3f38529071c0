package io.alertas.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A local HTTP server that records every request and answers as told: what a Slack incoming webhook or
 * any other webhook receiver would see. By default it answers {@code 200 ok}; queue other answers with
 * {@link #respond}. Thread-safe.
 */
public final class RecordingHttpServer implements AutoCloseable {

    /**
     * One request as received: {@code path} decoded, {@code target} the path and query as sent (still
     * percent-encoded), such as {@code /v2/alerts/a%2Fb/close?identifierType=alias}.
     */
    public record Request(String method, String path, Map<String, List<String>> headers, String body, String target) {

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    private record Answer(int status, Function<Request, String> body, Map<String, String> headers) {
    }

    static {
        // The JDK's server sends an answer's headers and body apart; with Nagle's algorithm on, the body waits
        // for the client's delayed ACK, some 40 ms for every request. Slack's and the paging services' own
        // servers do not, so neither does this one. Read when the JDK's first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private Answer otherwise = new Answer(200, request -> "ok", Map.of());

    private RecordingHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static RecordingHttpServer start() {
        return start(0);
    }

    /**
     * Starts a server on {@code port} of 127.0.0.1 (a free one when 0).
     *
     * @throws UncheckedIOException naming the port when it is taken
     */
    public static RecordingHttpServer start(int port) {
        try {
            RecordingHttpServer recorder = new RecordingHttpServer(
                    HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
            recorder.server.createContext("/", recorder::handle);
            recorder.server.start();
            return recorder;
        } catch (BindException e) {
            throw new UncheckedIOException("port " + port + " of 127.0.0.1 is taken by another program", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of {@code path} on this server, such as {@code url("/services/T0/B0/x")}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers the next request with {@code status} and {@code body}, and the given headers. */
    public synchronized void respond(int status, String body, Map<String, String> headers) {
        answers.add(new Answer(status, request -> body, Map.copyOf(headers)));
    }

    /**
     * Answers the next request with {@code status} and a body made from the request, as a receiver (or a proxy)
     * does that quotes what it was sent in its error: its path, its headers, its body.
     */
    public synchronized void respond(int status, Function<Request, String> body) {
        answers.add(new Answer(status, body, Map.of()));
    }

    /**
     * Answers every request for which no answer is queued with {@code status} and a body made from the request,
     * instead of {@code 200 ok}: a server that plays a service, such as Elasticsearch answering each search.
     */
    public synchronized void respondByDefault(int status, Function<Request, String> body) {
        otherwise = new Answer(status, body, Map.of());
    }

    /** Answers the next request with {@code status} and {@code body}. */
    public void respond(int status, String body) {
        respond(status, body, Map.of());
    }

    /** Every request so far, oldest first. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the requests and queued answers. */
    public synchronized void reset() {
        requests.clear();
        answers.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body, exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        synchronized (this) {
            requests.add(request);
            answer = answers.isEmpty() ? otherwise : answers.poll();
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = answer.body().apply(request).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
