package io.alertas.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One running node: its process, its run directory (config, data, logs, under {@code java.io.tmpdir}), and where it
 * listens. Started daemonized from an {@link Installation} on free ports, as {@code nobody} under root; described as
 * {@link Properties} so that another process (a test JVM sharing it, the {@link NodeWatchdog}) can find and stop it.
 */
record NodeProcess(Cluster cluster, Path runDir, long pid, URI url, Path caCertificate) {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** How many times a node is started on new ports when another process took one between choosing and binding. */
    private static final int PORT_ATTEMPTS = 5;

    /** Starts a node of the installation's cluster and waits until it is healthy. */
    static NodeProcess launch(Installation installation) throws IOException, InterruptedException {
        return launch(installation, 0);
    }

    /**
     * Starts a node of the installation's cluster listening for HTTP on {@code httpPort} (a free one when 0) and waits
     * until it is healthy.
     *
     * @throws IOException naming the port when {@code httpPort} is taken
     */
    static NodeProcess launch(Installation installation, int httpPort) throws IOException, InterruptedException {
        if (httpPort != 0) {
            requireFree(httpPort);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return launchOnce(installation, httpPort);
            } catch (PortTaken e) {
                if (attempt == PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** A client for the node, as its superuser on a secured cluster. */
    NodeHttp http() throws IOException {
        return cluster.secured()
                ? new NodeHttp(url, ElasticsearchNode.USERNAME, ElasticsearchNode.PASSWORD, caCertificate)
                : new NodeHttp(url);
    }

    /**
     * Whether the node runs: its pid is alive and, where its command line can be read, names its run directory
     * (a reused pid does not).
     */
    boolean alive() {
        return process().isPresent();
    }

    private Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().map(line -> line.contains(runDir.toString())).orElse(true));
    }

    /** Stops the node (forcibly after a minute) and deletes its run directory. */
    void stop() {
        process().ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        Trees.delete(runDir);
    }

    Properties describe() {
        Properties description = new Properties();
        description.setProperty("cluster", cluster.toString());
        description.setProperty("run", runDir.toString());
        description.setProperty("pid", Long.toString(pid));
        description.setProperty("url", url.toString());
        if (caCertificate != null) {
            description.setProperty("ca", caCertificate.toString());
        }
        return description;
    }

    static NodeProcess of(Properties description) {
        String ca = description.getProperty("ca");
        return new NodeProcess(Cluster.parse(description.getProperty("cluster")), Path.of(description.getProperty("run")),
                Long.parseLong(description.getProperty("pid")), URI.create(description.getProperty("url")),
                ca == null ? null : Path.of(ca));
    }

    private static NodeProcess launchOnce(Installation installation, int givenPort) throws IOException, InterruptedException {
        Cluster cluster = installation.cluster();
        Path run = Files.createTempDirectory("alertas-node");
        Path config = run.resolve("config");
        installation.configure(config);
        for (String dir : List.of("data", "logs", "tmp")) {
            Files.createDirectories(run.resolve(dir));
        }
        int httpPort = givenPort == 0 ? freePort() : givenPort;
        Files.writeString(config.resolve(cluster.flavour().settingsFile),
                String.join("\n", settings(cluster, run, httpPort, freePort())));
        // No GC log: the distribution's option writes one per node into a shared place.
        Files.writeString(config.resolve("jvm.options"),
                Files.readString(config.resolve("jvm.options")).replaceAll("(?m)^(\\d+-?\\d*:)?-Xlog:gc.*$", ""));
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            giveToNobody(run);
            command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        command.addAll(List.of(installation.launcher().toString(), "-d", "-p", run.resolve("node.pid").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(run.toFile())
                .redirectErrorStream(true)
                .redirectOutput(run.resolve("console.log").toFile());
        String prefix = cluster.flavour().environmentPrefix;
        builder.environment().putAll(Map.of(
                prefix + "JAVA_HOME", installation.java().toString(),
                prefix + "PATH_CONF", config.toString(),
                prefix + "TMPDIR", run.resolve("tmp").toString(),
                prefix + "JAVA_OPTS", "-Xms512m -Xmx512m"));
        Process launcher = builder.start();
        if (!launcher.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || launcher.exitValue() != 0) {
            launcher.destroyForcibly();
            Path log = run.resolve("logs").resolve("alertas-test.log");
            if (givenPort != 0 && logSays(log, "BindHttpException")) {
                Trees.delete(run);
                throw new IOException(portTakenMessage(givenPort));
            }
            if (logSays(log, "BindHttpException") || logSays(log, "BindTransportException")) {
                Trees.delete(run);
                throw new PortTaken("a port chosen for " + cluster.displayName() + " was taken before it bound it");
            }
            throw new IOException(cluster.displayName() + " did not start:\n" + tail(run.resolve("console.log")));
        }
        NodeProcess node = new NodeProcess(cluster, run, awaitPidFile(run.resolve("node.pid")),
                URI.create((cluster.secured() ? "https" : "http") + "://localhost:" + httpPort),
                cluster.secured() ? config.resolve("ca/ca.crt") : null);
        node.awaitHealthy();
        return node;
    }

    /** The node's settings: one node on loopback, the given ports, and TLS on a secured one. */
    private static List<String> settings(Cluster cluster, Path run, int httpPort, int transportPort) {
        List<String> settings = new ArrayList<>(List.of(
                "cluster.name: alertas-test",
                "node.name: node-1",
                "discovery.type: single-node",
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "path.data: " + run.resolve("data"),
                "path.logs: " + run.resolve("logs"),
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "action.destructive_requires_name: false"));
        if (cluster.hasSecurityPlugin()) {
            settings.addAll(OpenSearchSecurity.SETTINGS);
        } else if (cluster.secured()) {
            settings.addAll(List.of(
                    "xpack.security.enabled: true",
                    "xpack.security.http.ssl.enabled: true",
                    "xpack.security.http.ssl.key: node/node.key",
                    "xpack.security.http.ssl.certificate: node/node.crt",
                    "xpack.security.http.ssl.certificate_authorities: ca/ca.crt"));
        }
        settings.add("");
        return settings;
    }

    /**
     * A free port is chosen by opening and closing a socket; on a busy machine another process may bind it
     * before Elasticsearch does, and the node is then started again on new ports.
     */
    private static final class PortTaken extends IOException {
        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }

    /** Whether the node's log has a line with {@code text}, such as the exception of a port it could not bind. */
    private static boolean logSays(Path log, String text) throws IOException {
        if (!Files.isRegularFile(log)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.anyMatch(l -> l.contains(text));
        }
    }

    /** Fails at once, before a node is started, when another program listens on {@code port} of 127.0.0.1. */
    private static void requireFree(int port) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IOException("port " + port + " is not a TCP port (1-65535)");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IOException(portTakenMessage(port), e);
        }
    }

    private static String portTakenMessage(int port) {
        return "port " + port + " of 127.0.0.1 is taken by another program (ss -ltnp 'sport = :" + port + "' names it)";
    }

    /** The node's pid, from the file it writes as it starts: OpenSearch's launcher may return before it does. */
    private static long awaitPidFile(Path file) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.isRegularFile(file) || Files.readString(file).isBlank()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the node wrote no pid file " + file);
            }
            Thread.sleep(100);
        }
        return Long.parseLong(Files.readString(file).trim());
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        NodeHttp http = http();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                http.send("GET", "/_cluster/health?wait_for_status=yellow&timeout=30s", "application/json", null);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(250);
            }
        }
        stop();
        throw new IOException(cluster.displayName() + " did not become healthy: " + (last == null ? "" : last.getMessage()));
    }

    private static boolean runningAsRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static void giveToNobody(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = users.lookupPrincipalByName("nobody");
        GroupPrincipal nogroup = users.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
                view.setOwner(nobody);
                view.setGroup(nogroup);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<String> lines = new String(in.readAllBytes()).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
