package io.alertas.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One node per build, shared by the test JVMs of every module, found through a directory of the build that the
 * parent pom names in the system property {@value #PROPERTY} ({@code target/alertas-testnode} of the directory Maven
 * was started in, so two checkouts never share a node). Each cluster has a folder of its own there
 * ({@code elasticsearch-8.19.21/}, so that {@code -Pcompat} runs each version on its node):
 * <ul>
 *   <li>{@code lock}: held (a file lock) by whoever starts, reuses or stops the node, so that two test JVMs never
 *       start two nodes and none takes a node that is being stopped;</li>
 *   <li>{@code node.properties}: the running node (pid, run directory, URL, CA) and the pid of its watchdog;</li>
 *   <li>{@code leases/PID}: one file per test JVM using the node, locked for that JVM's life; the operating system
 *       drops the lock when the JVM ends in any way, {@code kill -9} included. It names the Maven process the JVM
 *       runs under (found among its ancestors by its launcher class), the build that owns the lease.</li>
 * </ul>
 * The JVM that starts the node also starts a {@link NodeWatchdog}, a small Java process in a session of its own (so
 * that Ctrl-C on the build does not reach it), which stops the node and deletes its files
 * <ul>
 *   <li>when every build that held a lease has ended: at the end of the build, or within a few seconds of a
 *       killed one;</li>
 *   <li>when no JVM has held a lease for {@link NodeWatchdog#IDLE_WITH_BUILD} though its build runs on, or for
 *       {@link NodeWatchdog#IDLE_WITHOUT_BUILD} when no Maven process was found (tests started by an IDE);</li>
 *   <li>when its node died.</li>
 * </ul>
 * A JVM that starts a node of one cluster also stops the nodes of other clusters nobody holds a lease on, so that
 * the compatibility runs keep one node at a time.
 */
final class SharedNode {

    /** The system property naming the build's directory for shared nodes; without it each test JVM starts its own. */
    static final String PROPERTY = "alertas.testnode.dir";

    private static final String NODE = "node.properties";
    private static final String MAVEN_LAUNCHER = "org.codehaus.plexus.classworlds.launcher.Launcher";
    /** The lease of this JVM: open and locked until the JVM ends. */
    private static FileChannel lease;

    private SharedNode() {
    }

    /** The build's node of {@code cluster}: the running one, or one started now; this JVM holds a lease on it until it ends. */
    static synchronized NodeProcess acquire(Path root, Cluster cluster) throws IOException, InterruptedException {
        Path dir = root.resolve(cluster.toString());
        Files.createDirectories(dir.resolve("leases"));
        try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            NodeProcess node = running(dir);
            if (node == null) {
                stopUnusedSiblings(root, dir);
                node = NodeProcess.launch(Installation.prepare(cluster));
                Properties description = node.describe();
                description.setProperty("watchdog", Long.toString(NodeWatchdog.spawn(dir)));
                Path written = dir.resolve(NODE + ".new");
                try (Writer out = Files.newBufferedWriter(written)) {
                    description.store(out, "the shared test node of this build; see " + SharedNode.class.getName());
                }
                Files.move(written, dir.resolve(NODE), StandardCopyOption.ATOMIC_MOVE);
            }
            takeLease(dir);
            return node;
        }
    }

    /** The node described in {@code dir} if it and its watchdog still run and it answers, else null after clearing what is left of it. */
    private static NodeProcess running(Path dir) throws IOException {
        Properties description = read(dir);
        if (description == null) {
            return null;
        }
        NodeProcess node = NodeProcess.of(description);
        boolean watched = ProcessHandle.of(Long.parseLong(description.getProperty("watchdog"))).map(ProcessHandle::isAlive).orElse(false);
        if (watched && node.alive()) {
            try {
                node.http().send("GET", "/_cluster/health", "application/json", null);
                return node;
            } catch (IOException e) {
                // a stale description (the pid was reused): start afresh
            }
        }
        stop(dir, node);
        return null;
    }

    /** The description of the node in {@code dir}, or null when none runs there. */
    static Properties read(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(NODE))) {
            return null;
        }
        Properties description = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(NODE))) {
            description.load(in);
        }
        return description;
    }

    /** Stops the node of {@code dir}, if it still runs, and forgets it. */
    static void stop(Path dir, NodeProcess node) throws IOException {
        node.stop();
        Files.deleteIfExists(dir.resolve(NODE));
    }

    /** Stops, under their lock, the nodes of other clusters of this build on which no JVM holds a lease. */
    private static void stopUnusedSiblings(Path root, Path dir) throws IOException {
        try (DirectoryStream<Path> clusters = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path sibling : clusters) {
                if (sibling.equals(dir) || !Files.exists(sibling.resolve(NODE))) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(sibling.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock held = channel.tryLock()) {
                    Properties description = held == null ? null : read(sibling);
                    if (description != null && Leases.scan(sibling).live() == 0) {
                        stop(sibling, NodeProcess.of(description));
                    }
                }
            }
        }
    }

    private static void takeLease(Path dir) throws IOException {
        if (lease != null) {
            return;
        }
        // Written and locked under a name the watchdog passes over, then renamed: it never sees an unlocked lease.
        Path file = dir.resolve("leases").resolve(ProcessHandle.current().pid() + ".new");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        channel.lock();
        String owner = build().map(p -> "build=" + p.pid() + "\nstarted=" + p.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n")
                .orElse("");
        channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        Files.move(file, file.resolveSibling(Long.toString(ProcessHandle.current().pid())), StandardCopyOption.ATOMIC_MOVE);
        lease = channel;
    }

    /** The Maven process this JVM runs under, if any: surefire and failsafe fork the test JVM from it, perhaps through a shell. */
    private static Optional<ProcessHandle> build() {
        Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
        for (int depth = 0; depth < 4 && ancestor.isPresent(); depth++) {
            if (ancestor.get().info().commandLine().filter(line -> line.contains(MAVEN_LAUNCHER)).isPresent()) {
                return ancestor;
            }
            ancestor = ancestor.get().parent();
        }
        return Optional.empty();
    }

    /** The leases in a cluster's folder: how many JVMs hold one now, and the builds they run under. */
    record Leases(int live, List<Build> builds) {

        /** A Maven process, by pid and start time, so that a reused pid is not taken for it. */
        record Build(long pid, long started) {

            boolean running() {
                return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(0L) == started).isPresent();
            }
        }

        /** Reads the leases, deleting those whose JVM has ended (their lock can be taken). */
        static Leases scan(Path dir) throws IOException {
            int live = 0;
            List<Build> builds = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("leases"), file -> !file.toString().endsWith(".new"))) {
                for (Path file : files) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                         FileLock free = channel.tryLock()) {
                        if (free != null) {
                            Files.deleteIfExists(file);
                            continue;
                        }
                    } catch (NoSuchFileException e) {
                        continue;
                    }
                    live++;
                    Properties owner = new Properties();
                    try (Reader in = Files.newBufferedReader(file)) {
                        owner.load(in);
                    }
                    if (owner.getProperty("build") != null) {
                        builds.add(new Build(Long.parseLong(owner.getProperty("build")), Long.parseLong(owner.getProperty("started"))));
                    }
                }
            }
            return new Leases(live, builds);
        }
    }
}
