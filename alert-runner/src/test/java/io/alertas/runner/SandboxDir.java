package io.alertas.runner;

import io.alertas.testkit.Cluster;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The config dir of {@code ./try.sh} as it is kept between starts: {@value #FILE} in it remembers the cluster it was
 * made for and the ports of that cluster and of the Slack receiver, so that a second start reuses the dir (the
 * user's alerts.d files, edits and state with it) and listens where the config points.
 *
 * @param dir         the config dir, absolute
 * @param made        whether a previous start wrote the config (else it is new, and written from {@code init})
 * @param clusterPort the cluster's HTTP port: a new sandbox's is the first free one from 9200, Elasticsearch's own,
 *                    to 9299 (0, any free one, when none is), out of the range the system hands out to outgoing
 *                    connections
 * @param slackPort   the Slack receiver's port, 0 for a free one
 */
record SandboxDir(Path dir, boolean made, int clusterPort, int slackPort) {

    static final String FILE = "sandbox.properties";

    /** Thrown with one line for the user: the dir cannot be used as it is. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * The sandbox at {@code dir} for {@code cluster}: a new one where {@code dir} is missing or empty, else the one a
     * previous start made.
     *
     * @throws Refused when {@code dir} holds something else, was made for another cluster, or remembers a bad port
     */
    static SandboxDir open(Path dir, Cluster cluster) throws Refused, IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(dir) || Files.isDirectory(dir) && isEmpty(dir)) {
            return new SandboxDir(dir, false, firstFree(9200, 9299), 0);
        }
        if (!Files.isRegularFile(file)) {
            throw new Refused(dir + " exists and was not made by try.sh (it has no " + FILE + "); name another dir: ./try.sh ["
                    + "CLUSTER] [DIR]");
        }
        Properties remembered = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            remembered.load(in);
        } catch (IllegalArgumentException e) {
            throw new Refused(file + ": " + e.getMessage());
        }
        String madeFor = remembered.getProperty("cluster", "");
        if (!madeFor.equals(cluster.toString())) {
            throw new Refused(dir + " is the sandbox of " + shown(madeFor) + ", not of " + cluster
                    + "; start it with that cluster, or name another dir: ./try.sh [CLUSTER] [DIR]");
        }
        return new SandboxDir(dir, true, port(remembered, "cluster_port", file), port(remembered, "slack_port", file));
    }

    /** Remembers the cluster and the ports it got, written whole or not at all. */
    void remember(Cluster cluster, int clusterPort, int slackPort) throws IOException {
        Properties remembered = new Properties();
        remembered.setProperty("cluster", cluster.toString());
        remembered.setProperty("cluster_port", Integer.toString(clusterPort));
        remembered.setProperty("slack_port", Integer.toString(slackPort));
        Path draft = Files.createTempFile(dir, "." + FILE, ".new");
        try (Writer out = Files.newBufferedWriter(draft, StandardCharsets.ISO_8859_1)) {
            remembered.store(out, "Written by ./try.sh: the ports its cluster and Slack receiver keep across restarts");
        }
        Files.move(draft, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int port(Properties remembered, String key, Path file) throws Refused {
        String value = remembered.getProperty(key, "").strip();
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535) {
            throw new Refused(file + ": " + key + " " + shown(value) + " is not a TCP port (1-65535)");
        }
        return Integer.parseInt(value);
    }

    /** A remembered value as one short line: the file is the user's to edit, with anything in it. */
    private static String shown(String value) {
        String line = Printable.line(value);
        return "\"" + (line.length() > 60 ? line.substring(0, 60) + "..." : line) + "\"";
    }

    /** The first port from {@code from} to {@code to} that nothing listens on at 127.0.0.1, else 0. */
    static int firstFree(int from, int to) {
        for (int port = from; port <= to; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // the next one
            }
        }
        return 0;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
