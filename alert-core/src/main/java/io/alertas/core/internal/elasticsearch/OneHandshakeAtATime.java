package io.alertas.core.internal.elasticsearch;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A TLS client's connections, opened one after another, a short while apart. A full TLS handshake (key exchange,
 * the cluster's certificate sent and checked) is costly in a JVM that has just started, and the cluster is often
 * on the same cores. The client's {@code SSLContext} keeps the session ticket that the cluster sends after each
 * handshake, and a connection opened with a ticket resumes that session: an abbreviated handshake, without the
 * certificate. A ticket is used once (the JDK's client drops it on use, as TLS 1.3 asks), and each handshake
 * brings one new ticket. So a pass whose batches opened their connections at the same moment made a full
 * handshake on each; opened one after another, the first makes a full handshake and the others may resume, each
 * with the ticket of the one before it.
 * <p>
 * A request goes at once while a connection that has answered is idle (a connection is busy from its request to
 * the end of its answer's body), or when no other connection is being opened: it then opens one. Else it waits
 * until the connection being opened has answered (its status and headers came: its handshake is done and its
 * ticket has come) or has been opening for {@link #HANDSHAKE}, about one handshake's time, whichever comes first,
 * and then opens its own. The answer to an {@code _msearch} starts only once all its searches have run, so a
 * slow batch holds the next connection back for {@code HANDSHAKE} at most: the batches of a pass all reach the
 * cluster within about {@code HANDSHAKE} each, one after another. A connection that is still in its handshake
 * when {@code HANDSHAKE} is up leaves no ticket for the next yet: that one makes a full handshake, as it would
 * have without waiting. A connection that could not be made lets the next request open one at once.
 * <p>
 * Counting busy and idle connections this way is an estimate of the client's pool, which may open a connection
 * for a request before the last answer's connection is back in it, or close an idle one. When no request is
 * under way the count of idle connections is forgotten, since the pool may close them: the next requests open (or
 * reuse) connections one after another again. So a wrong guess costs a full handshake, or a wait of at most
 * {@code HANDSHAKE} for each request ahead in line; never a request. Over HTTP/2, where the client's requests
 * share one connection, and over plain HTTP, which has no handshake, requests never wait. A waiting request is
 * interrupted by the pass's deadline as any other.
 */
final class OneHandshakeAtATime {

    /** How long a connection is being opened, at most, before the next request opens its own. */
    static final Duration HANDSHAKE = Duration.ofMillis(300);

    /** Connections that have answered: the ticket of each one's handshake has reached the SSLContext. */
    private int open;
    /** Requests under way on those connections. */
    private int busy;
    /** The request opening a connection that has not answered yet, for less than {@code HANDSHAKE}; or null. */
    private Turn opening;
    /** When {@code opening} went, in {@link System#nanoTime()}. */
    private long openedAt;
    /** Set over plain HTTP, which has no handshake, and over HTTP/2, which shares one connection: nothing waits. */
    private boolean unwaited;

    /** Over TLS ({@code tls}) or plain HTTP, where requests never wait. */
    OneHandshakeAtATime(boolean tls) {
        this.unwaited = !tls;
    }

    /** A request's place: on a connection that has answered, or opening a new one. */
    final class Turn implements AutoCloseable {
        private boolean opens;
        private boolean counted;

        private Turn(boolean opens, boolean counted) {
            this.opens = opens;
            this.counted = counted;
        }

        /**
         * Its answer's status and headers came, over {@code version}: a connection it opened is now open, and busy
         * with its body.
         */
        void answered(HttpClient.Version version) {
            synchronized (OneHandshakeAtATime.this) {
                if (version == HttpClient.Version.HTTP_2) {
                    unwaited = true;
                }
                if (opens) {
                    opens = false;
                    open++;
                    busy++;
                    counted = true;
                }
                ended();
            }
        }

        /** The request ended: its answer read, or failed. */
        @Override
        public void close() {
            synchronized (OneHandshakeAtATime.this) {
                if (counted) {
                    counted = false;
                    busy--;
                }
                opens = false;
                ended();
            }
        }

        /**
         * It no longer opens a connection: the next request may; and with no request under way, the count of idle
         * connections is forgotten.
         */
        private void ended() {
            if (opening == this) {
                opening = null;
            }
            if (busy == 0 && opening == null) {
                open = 0;
            }
            OneHandshakeAtATime.this.notifyAll();
        }
    }

    /**
     * The turn of a request about to be sent: at once on an idle connection that has answered, or to open a new
     * connection, or once one of these is possible.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    synchronized Turn take() throws InterruptedException {
        while (!unwaited) {
            if (busy < open) {
                busy++;
                return new Turn(false, true);
            }
            long left = opening == null ? 0 : HANDSHAKE.toNanos() - (System.nanoTime() - openedAt);
            if (left <= 0) {
                opening = new Turn(true, false);
                openedAt = System.nanoTime();
                return opening;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return new Turn(false, false);
    }
}
