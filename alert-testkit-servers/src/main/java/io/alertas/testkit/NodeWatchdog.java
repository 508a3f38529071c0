package io.alertas.testkit;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The process that stops a build's {@link SharedNode shared node} once nobody needs it: started beside the node by
 * the test JVM that started it, in a session of its own, with nothing but this module's classes on its class path.
 * It looks at the leases twice a second; the rules are in {@link SharedNode}.
 */
final class NodeWatchdog {

    /** How long a node may go unused while its build runs on: longer than the build spends between two modules' tests. */
    static final Duration IDLE_WITH_BUILD = Duration.ofMinutes(5);
    /** How long a node may go unused when no Maven process holds a lease on it. */
    static final Duration IDLE_WITHOUT_BUILD = Duration.ofSeconds(30);
    private static final Duration TICK = Duration.ofMillis(500);

    private NodeWatchdog() {
    }

    /** Starts the watchdog of the node described in {@code dir} and returns its pid. */
    static long spawn(Path dir) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath;
        try {
            classPath = Path.of(NodeWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IOException("cannot find the testkit's classes: " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of(java.toString(), "-Xmx32m", "-XX:+UseSerialGC", "-cp", classPath,
                NodeWatchdog.class.getName(), dir.toString()));
        Process watchdog = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("watchdog.log").toFile()))
                .start();
        return watchdog.pid();
    }

    /** Watches the node in the folder {@code args[0]} until it is stopped. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Properties first = awaitDescription(dir);
        if (first == null) {
            return;
        }
        String pid = first.getProperty("pid");
        Set<SharedNode.Leases.Build> builds = new HashSet<>();
        Instant lastUsed = Instant.now();
        while (true) {
            Thread.sleep(TICK.toMillis());
            Properties description = SharedNode.read(dir);
            if (description == null || !pid.equals(description.getProperty("pid"))) {
                return;
            }
            SharedNode.Leases leases = SharedNode.Leases.scan(dir);
            builds.addAll(leases.builds());
            if (leases.live() > 0) {
                lastUsed = Instant.now();
            }
            NodeProcess node = NodeProcess.of(description);
            boolean buildsEnded = !builds.isEmpty() && builds.stream().noneMatch(SharedNode.Leases.Build::running);
            Duration idle = Duration.between(lastUsed, Instant.now());
            boolean unused = idle.compareTo(builds.isEmpty() ? IDLE_WITHOUT_BUILD : IDLE_WITH_BUILD) > 0;
            String reason = !node.alive() ? "it died" : buildsEnded ? "its builds " + builds + " ended" : unused ? "unused for " + idle : null;
            if (reason != null && stopUnlessTaken(dir, pid, builds)) {
                System.out.println(Instant.now() + " stopped " + node.cluster().displayName() + " (pid " + pid + "): " + reason);
                return;
            }
        }
    }

    /** The node's description, which its starter writes just after starting this watchdog. */
    private static Properties awaitDescription(Path dir) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        Properties description;
        while ((description = SharedNode.read(dir)) == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(TICK.toMillis());
        }
        return description;
    }

    /** Stops the node under the lock, unless a JVM of a build not seen before took a lease on it meanwhile. */
    private static boolean stopUnlessTaken(Path dir, String pid, Set<SharedNode.Leases.Build> builds) throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Properties description = SharedNode.read(dir);
            if (description == null || !pid.equals(description.getProperty("pid"))) {
                return true;
            }
            SharedNode.Leases leases = SharedNode.Leases.scan(dir);
            if (leases.builds().stream().anyMatch(build -> !builds.contains(build) && build.running())) {
                return false;
            }
            SharedNode.stop(dir, NodeProcess.of(description));
            return true;
        }
    }
}
