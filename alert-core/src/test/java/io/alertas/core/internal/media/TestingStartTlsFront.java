package io.alertas.core.internal.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The front door of an SMTP server on submission's terms, as GreenMail has no STARTTLS: it greets, answers EHLO
 * offering STARTTLS (or, built without a TLS context, offering nothing), refuses anything else before TLS, and
 * after the handshake relays the connection to a plain SMTP server (GreenMail) behind it. It records every byte
 * the client sent in clear, so that a test sees whether a password crossed unencrypted.
 */
final class TestingStartTlsFront implements AutoCloseable {

    private final ServerSocket listener;
    private final SSLContext tls;
    private final int relayPort;
    private final ByteArrayOutputStream clear = new ByteArrayOutputStream();

    private TestingStartTlsFront(SSLContext tls, int relayPort) throws IOException {
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.tls = tls;
        this.relayPort = relayPort;
        Thread accept = new Thread(this::serve, "starttls-front");
        accept.setDaemon(true);
        accept.start();
    }

    /** A front offering STARTTLS with {@code tls}'s certificate, relaying to the SMTP server on {@code relayPort}. */
    static TestingStartTlsFront offering(SSLContext tls, int relayPort) throws IOException {
        return new TestingStartTlsFront(tls, relayPort);
    }

    /** A server that offers no STARTTLS and takes no mail. */
    static TestingStartTlsFront withoutStartTls() throws IOException {
        return new TestingStartTlsFront(null, 0);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** What clients sent before any TLS. */
    String clearText() {
        synchronized (clear) {
            return clear.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                converse(client);
            } catch (IOException e) {
                // the client went away, or the listener closed
            }
        }
    }

    private void converse(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        say(out, "220 localhost ESMTP front");
        for (String line; (line = readLine(in)) != null; ) {
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                say(out, tls == null ? "250 localhost" : "250-localhost\r\n250 STARTTLS");
            } else if (command.equals("STARTTLS") && tls != null) {
                say(out, "220 2.0.0 Ready to start TLS");
                SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(client, "localhost", client.getPort(), true);
                secured.setUseClientMode(false);
                secured.startHandshake();
                relay(secured);
                return;
            } else if (command.equals("QUIT")) {
                say(out, "221 2.0.0 Bye");
                return;
            } else {
                say(out, "530 5.7.0 Must issue a STARTTLS command first");
            }
        }
    }

    /** Joins the secured client to the server behind, whose greeting the client already had from the front. */
    private void relay(SSLSocket client) throws IOException {
        try (Socket server = new Socket(InetAddress.getLoopbackAddress(), relayPort)) {
            InputStream fromServer = server.getInputStream();
            readLine(fromServer, null);
            Thread up = new Thread(() -> {
                try {
                    client.getInputStream().transferTo(server.getOutputStream());
                } catch (IOException e) {
                    // one side closed
                }
            }, "starttls-front-up");
            up.setDaemon(true);
            up.start();
            fromServer.transferTo(client.getOutputStream());
        }
    }

    /** A line the client sent in clear, recorded. */
    private String readLine(InputStream in) throws IOException {
        return readLine(in, clear);
    }

    private static String readLine(InputStream in, ByteArrayOutputStream record) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (record != null) {
                synchronized (record) {
                    record.write(b);
                }
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).strip();
            }
            line.write(b);
        }
        return null;
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
