package io.alertas.runner.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback that delivers every byte one way {@code delayMillis} after it arrived, in both
 * directions: a cluster {@code 2 × delayMillis} of round trip away. TLS passes through it untouched. Bandwidth is
 * not limited; only latency is added.
 */
final class LatencyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long delayNanos;

    private LatencyProxy(InetSocketAddress target, long delayMillis) throws IOException {
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        this.target = target;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        daemon("latency-proxy-accept", this::accept);
    }

    /** A proxy to {@code host:port}, the given one-way delay away. */
    static LatencyProxy start(String host, int port, long delayMillis) throws IOException {
        return new LatencyProxy(new InetSocketAddress(host, port), delayMillis);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // the proxy was closed, or one connection failed: the client sees its socket close
            }
        }
    }

    /** Bytes read from {@code from} are written to {@code to} once their delay has passed, in order. */
    private void pipe(Socket from, Socket to) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon("latency-proxy-read", () -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException e) {
                // the connection ended
            }
            queue.add(new Chunk(System.nanoTime() + delayNanos, new byte[0]));
        });
        daemon("latency-proxy-write", () -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk chunk = queue.take();
                    long wait = chunk.due() - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (chunk.bytes().length == 0) {
                        return;   // one side closed: closing the stream closes the connection
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            }
        });
    }

    private record Chunk(long due, byte[] bytes) {
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
