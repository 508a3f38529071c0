package io.alertas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A node or receiver asked for a port that another program has: one line naming the port, and no node started. */
class GivenPortTest {

    @Test
    void aNodeOnATakenPortFailsAtOnceNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ElasticsearchNode.start(Cluster.DEFAULT, port));
            assertEquals("could not start " + Cluster.DEFAULT.displayName() + ": port " + port + " of 127.0.0.1 is taken by another"
                    + " program (ss -ltnp 'sport = :" + port + "' names it)", e.getMessage());
        }
    }

    @Test
    void aNodeOnANumberThatIsNoPortFailsNamingIt() {
        for (int port : new int[] {-1, 65536, Integer.MAX_VALUE}) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ElasticsearchNode.start(Cluster.DEFAULT, port));
            assertEquals("could not start " + Cluster.DEFAULT.displayName() + ": port " + port + " is not a TCP port (1-65535)",
                    e.getMessage());
        }
    }

    @Test
    void aReceiverOnATakenPortFailsNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> RecordingHttpServer.start(port));
            assertEquals("port " + port + " of 127.0.0.1 is taken by another program", e.getMessage());
        }
    }
}
