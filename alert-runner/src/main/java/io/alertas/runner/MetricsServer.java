package io.alertas.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * What {@code serve --listen [HOST]:PORT} serves: {@code GET /metrics}, the Prometheus text of the last pass (503
 * before the first), on loopback unless a host is given. Whoever can reach the port must not be able to stop it
 * nor the passes, so each connection gets one request and is closed, the whole exchange within
 * {@link #EXCHANGE_TIME} (a client that sends half a request, or nothing, or never reads the answer, is closed
 * then), and at most {@link #MAX_CONNECTIONS} are open at once: a new one closes the oldest, so a burst of idle
 * sockets costs a few file descriptors and a scrape that sends its request at once still gets its answer. One
 * thread accepts and closes; a thread per open connection reads and answers. The JDK's HTTP server is not used:
 * it reads a request on its one dispatcher thread (a half request stopped every other client) and keeps idle
 * connections without a bound.
 */
final class MetricsServer implements AutoCloseable {

    static final Duration EXCHANGE_TIME = Duration.ofSeconds(10);
    static final int MAX_CONNECTIONS = 16;
    private static final int MAX_HEAD_BYTES = 8 << 10;
    private static final int REAP_MILLIS = 250;

    private final ServerSocket listening;
    private final Supplier<String> metrics;
    /** The open connections, oldest first, each with the time it must be done by. */
    private final Deque<Connection> open = new ArrayDeque<>();

    private record Connection(Socket socket, long deadline) {
    }

    private MetricsServer(ServerSocket listening, Supplier<String> metrics) {
        this.listening = listening;
        this.metrics = metrics;
    }

    /**
     * Listens on {@code listen} ({@code HOST:PORT}, {@code [IPV6]:PORT}, or {@code :PORT} for loopback) and serves
     * from a thread of its own.
     */
    static MetricsServer start(String listen, Supplier<String> metrics) throws IOException {
        int colon = listen.lastIndexOf(':');
        String host = listen.substring(0, colon);
        InetAddress address = host.isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
        ServerSocket listening = new ServerSocket();
        try {
            listening.bind(new InetSocketAddress(address, Integer.parseInt(listen.substring(colon + 1))));
            listening.setSoTimeout(REAP_MILLIS);
        } catch (IOException | RuntimeException e) {
            listening.close();
            throw e;
        }
        MetricsServer server = new MetricsServer(listening, metrics);
        Thread acceptor = new Thread(server::accept, "alertas-metrics");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** Where the metrics are, such as {@code http://127.0.0.1:9464/metrics}. */
    String url() {
        InetAddress address = listening.getInetAddress();
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return "http://" + host + ":" + listening.getLocalPort() + "/metrics";
    }

    @Override
    public void close() {
        quietly(listening);
        synchronized (open) {
            open.forEach(c -> quietly(c.socket()));
            open.clear();
        }
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket socket = listening.accept();
                Connection connection = new Connection(socket, System.nanoTime() + EXCHANGE_TIME.toNanos());
                Connection oldest = null;
                synchronized (open) {
                    open.addLast(connection);
                    if (open.size() > MAX_CONNECTIONS) {
                        oldest = open.removeFirst();
                    }
                }
                if (oldest != null) {
                    quietly(oldest.socket());
                }
                Thread exchange = new Thread(() -> exchange(connection), "alertas-metrics-exchange");
                exchange.setDaemon(true);
                exchange.start();
            } catch (SocketTimeoutException e) {
                // time to close what is past its deadline
            } catch (IOException e) {
                // the listening socket closed, or no file descriptor is left until the reaping below frees some
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(REAP_MILLIS));
            }
            reap();
        }
    }

    /** Closes the connections past their deadline: the thread blocked on one then fails and ends. */
    private void reap() {
        long now = System.nanoTime();
        synchronized (open) {
            while (!open.isEmpty() && open.peekFirst().deadline() - now <= 0) {
                quietly(open.removeFirst().socket());
            }
        }
    }

    private void exchange(Connection connection) {
        String plain = "text/plain; charset=utf-8";
        try (Socket socket = connection.socket()) {
            String head = head(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            if (head == null) {
                answer(out, 431, "Request Header Fields Too Large", plain, "the request head is too large\n");
                return;
            }
            String[] request = head.lines().findFirst().orElse("").split(" ");
            String path = request.length == 3 ? request[1].replaceFirst("\\?.*", "") : "";
            if (request.length != 3 || !request[2].startsWith("HTTP/")) {
                answer(out, 400, "Bad Request", plain, "not an HTTP request\n");
            } else if (!path.equals("/metrics")) {
                answer(out, 404, "Not Found", plain, "only /metrics is served here\n");
            } else if (!request[0].equals("GET")) {
                answer(out, 405, "Method Not Allowed", plain, "only GET\n");
            } else {
                String last = metrics.get();
                if (last == null) {
                    answer(out, 503, "Service Unavailable", plain, "no pass has ended yet\n");
                } else {
                    answer(out, 200, "OK", "text/plain; version=0.0.4; charset=utf-8", last);
                }
            }
        } catch (IOException e) {
            // the client left, or its connection was closed at its deadline or for a newer one: no one to answer
        } finally {
            synchronized (open) {
                open.remove(connection);
            }
        }
    }

    /** The request line and headers, up to the empty line; null when they pass {@link #MAX_HEAD_BYTES}. */
    private static String head(InputStream in) throws IOException {
        byte[] head = new byte[MAX_HEAD_BYTES];
        int length = 0;
        while (length < head.length) {
            int read = in.read(head, length, head.length - length);
            if (read < 0) {
                throw new IOException("the client closed before the end of its request");
            }
            length += read;
            String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
            if (text.contains("\r\n\r\n") || text.contains("\n\n")) {
                return text;
            }
        }
        return null;
    }

    private static void answer(OutputStream out, int status, String reason, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + bytes.length + (status == 405 ? "\r\nAllow: GET" : "") + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static void quietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing to free it: nothing more to do
        }
    }
}
