package io.alertas.core.internal.elasticsearch;

/**
 * A TLS client's connections, opened one at a time, each once the one before it has answered. A full TLS
 * handshake (key exchange, the cluster's certificate sent and checked) is costly in a JVM that has just started,
 * and the cluster is often on the same cores. The client's {@code SSLContext} keeps the session ticket that the
 * cluster sends after each handshake, and a connection opened with a ticket resumes that session: an
 * abbreviated handshake, without the certificate. A ticket is used once (the JDK's client drops it on use, as
 * TLS 1.3 asks), and each handshake brings one new ticket. So a pass whose batches opened their connections at
 * the same moment made a full handshake on each; opened one after another, the first makes a full handshake and
 * the others resume, each with the ticket of the one before it.
 * <p>
 * A request goes at once while a connection that has answered is idle (a connection is busy from its request to
 * the end of its answer's body); else it makes a new connection when no other is being made, else waits. As
 * many connections are opened as the requests under way need, up to the pass's own limit. A connection that
 * could not be made leaves no ticket to wait for: from then on requests go at once, as before. Counting busy
 * and idle connections this way is an estimate of the client's pool (which may open a connection for a request
 * before the last answer's connection is back in it, or close an idle one): a wrong guess costs a full handshake
 * or a short wait, never a request. A request that waits is one the pass would have sent on a connection of its
 * own; it waits at most the first request's own timeout, and the pass's deadline interrupts it as any other.
 */
final class OneHandshakeAtATime {

    /** Connections that have answered: the ticket of each one's handshake has reached the SSLContext. */
    private int open;
    /** Requests under way on those connections. */
    private int busy;
    /** Whether a connection is being made and has not answered yet. */
    private boolean opening;
    /** Set over plain HTTP, which has no handshake, and once a connection could not be made: requests no longer wait. */
    private boolean unwaited;

    /** Over TLS ({@code tls}) or plain HTTP, where requests never wait. */
    OneHandshakeAtATime(boolean tls) {
        this.unwaited = !tls;
    }

    /** A request's place: on a connection that has answered, or making a new one. */
    final class Turn implements AutoCloseable {
        private boolean opens;
        private boolean counted;

        private Turn(boolean opens, boolean counted) {
            this.opens = opens;
            this.counted = counted;
        }

        /** Its answer's status and headers came: a connection it made is now open, and busy with its body. */
        void answered() {
            synchronized (OneHandshakeAtATime.this) {
                if (opens) {
                    opens = false;
                    opening = false;
                    open++;
                    busy++;
                    counted = true;
                    OneHandshakeAtATime.this.notifyAll();
                }
            }
        }

        /** The request ended: its answer read, or failed. */
        @Override
        public void close() {
            synchronized (OneHandshakeAtATime.this) {
                if (opens) {
                    opening = false;
                    unwaited = true;
                } else if (counted) {
                    busy--;
                }
                OneHandshakeAtATime.this.notifyAll();
            }
        }
    }

    /**
     * The turn of a request about to be sent: at once on an idle connection that has answered, or to make a new
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
            if (!opening) {
                opening = true;
                return new Turn(true, false);
            }
            wait();
        }
        return new Turn(false, false);
    }
}
