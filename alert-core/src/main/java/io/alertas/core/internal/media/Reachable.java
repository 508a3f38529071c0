package io.alertas.core.internal.media;

import io.alertas.spi.DeliveryException;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A built-in medium that can say, without sending anything, whether its service can be reached: what
 * {@code validate --connect} asks of every medium. Plugin media do not have it and are said to be unchecked.
 */
public interface Reachable {

    /** How long a check waits for a connection or a TLS handshake. */
    int TIMEOUT_MS = 10_000;

    /**
     * Connects to the service (and logs in, where the protocol allows it without a message) and returns what
     * was checked, such as "TLS to hooks.slack.com:443"; never a URL's path or a credential.
     *
     * @throws IOException saying why the service cannot be reached, without a secret
     */
    String reach() throws IOException;

    /** Opens a TCP connection to {@code url}'s host and port and, for https, completes a verified TLS handshake. */
    static String connect(URI url) throws IOException {
        return connect(url, null);
    }

    /** As {@link #connect(URI)}, verifying TLS against {@code trust} (a private CA's), or the JVM's roots when null. */
    static String connect(URI url, SSLContext trust) throws IOException {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String where = url.getHost() + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), TIMEOUT_MS);
            if (!tls) {
                return "connected to " + where;
            }
            socket.setSoTimeout(TIMEOUT_MS);
            try (SSLSocket ssl = (SSLSocket) (trust == null ? SSLContext.getDefault() : trust).getSocketFactory()
                    .createSocket(socket, url.getHost(), port, false)) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
            }
            return "TLS to " + where;
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS in this JVM: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException(where + " cannot be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().contains("/") ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    /** A medium that posts to {@code url} and checks it by {@link #connect}ing. */
    static Medium http(URI url, Medium deliver) {
        return new HttpMedium(url, deliver);
    }

    /** The medium {@link #http} makes; its URL, which may hold a secret, has no accessor. */
    final class HttpMedium implements Medium, Reachable, Addressed {
        private final URI url;
        private final Medium deliver;

        private HttpMedium(URI url, Medium deliver) {
            this.url = url;
            this.deliver = deliver;
        }

        @Override
        public void deliver(Notification notification) throws DeliveryException {
            deliver.deliver(notification);
        }

        @Override
        public String reach() throws IOException {
            return connect(url);
        }

        @Override
        public Object receiver() {
            return url;
        }

        /** Never the URL, which may hold a secret. */
        @Override
        public String toString() {
            return "HttpMedium[" + url.getHost() + "]";
        }
    }
}
