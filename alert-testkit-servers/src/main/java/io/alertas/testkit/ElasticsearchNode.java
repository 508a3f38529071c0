package io.alertas.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real single-node Elasticsearch for tests, from the Maven Central artifact
 * {@code org.elasticsearch.distribution.integ-test-zip:elasticsearch} that Maven fetched: security on,
 * TLS with its own CA, a superuser with basic auth, 512 MB heap.
 *
 * <p>The distribution is unpacked once per machine (under {@code java.io.tmpdir}) together with its CA,
 * node certificate and user; each node gets a fresh data directory. Elasticsearch refuses to run as root,
 * so under root the node runs as {@code nobody}. Use {@link #shared()} for one node per test JVM.
 */
public final class ElasticsearchNode implements AutoCloseable {

    public static final String VERSION = "8.19.21";
    public static final String USERNAME = "alerter";
    public static final String PASSWORD = "alertas-test-password";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** How many times a node is started on new ports when another process took one between choosing and binding. */
    private static final int PORT_ATTEMPTS = 5;
    private static ElasticsearchNode shared;

    private final Path runDir;
    private final long pid;
    private final URI url;
    private final Path caCertificate;
    private final NodeHttp http;

    private ElasticsearchNode(Path runDir, long pid, URI url, Path caCertificate) throws IOException {
        this.runDir = runDir;
        this.pid = pid;
        this.url = url;
        this.caCertificate = caCertificate;
        this.http = new NodeHttp(url, USERNAME, PASSWORD, caCertificate);
    }

    /** The node of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized ElasticsearchNode shared() {
        if (shared == null) {
            shared = start();
            ElasticsearchNode node = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "elasticsearch-stop"));
        }
        return shared;
    }

    /** Starts a new node; the caller closes it. */
    public static ElasticsearchNode start() {
        try {
            Installation installation = Installation.prepare();
            for (int attempt = 1; ; attempt++) {
                try {
                    return installation.startNode();
                } catch (PortTaken e) {
                    if (attempt == PORT_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Elasticsearch " + VERSION + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Elasticsearch", e);
        }
    }

    /** The HTTPS URL of the node, such as {@code https://localhost:41234}. */
    public URI url() {
        return url;
    }

    /** The PEM file of the CA that signed the node's certificate. */
    public Path caCertificate() {
        return caCertificate;
    }

    /**
     * Sends a request as the test superuser, such as {@code request("POST", "/logs-test/_refresh", null)}, and
     * returns the answer.
     *
     * @throws IllegalStateException saying the status and answer when it is not a success
     */
    public JsonNode request(String method, String path, JsonNode body) {
        return call(() -> http.send(method, path, "application/json", body == null ? null : body.toString()));
    }

    /** The {@code "elasticsearch"} section of a credentials.json for this node. */
    public ObjectNode credentials() {
        return JSON.createObjectNode()
                .put("url", url.toString())
                .put("username", USERNAME)
                .put("password", PASSWORD)
                .put("ca_certificate", caCertificate.toString());
    }

    /** Creates {@code index} with the given mappings (the body of a create-index request's "mappings"). */
    public void createIndex(String index, JsonNode mappings) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("settings").put("number_of_replicas", 0);
        body.set("mappings", mappings);
        request("PUT", "/" + index, body);
    }

    /** Indexes documents into {@code index} and makes them searchable before returning. */
    public void index(String index, List<? extends JsonNode> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<JsonNode> lines = new ArrayList<>();
        for (JsonNode document : documents) {
            lines.add(JSON.createObjectNode().set("index", JSON.createObjectNode().put("_index", index)));
            lines.add(document);
        }
        StringBuilder ndjson = new StringBuilder();
        lines.forEach(line -> ndjson.append(line).append('\n'));
        JsonNode answer = call(() -> http.send("POST", "/_bulk?refresh=true", "application/x-ndjson", ndjson.toString()));
        if (answer.path("errors").asBoolean()) {
            for (JsonNode item : answer.path("items")) {
                if (item.path("index").has("error")) {
                    throw new IllegalStateException("indexing into " + index + " failed: " + item.path("index").path("error"));
                }
            }
        }
    }

    /** Deletes every index matching {@code pattern}, if any. */
    public void deleteIndices(String pattern) {
        request("DELETE", "/" + pattern + "?ignore_unavailable=true&allow_no_indices=true", null);
    }

    private interface Call {
        JsonNode run() throws IOException;
    }

    private static JsonNode call(Call call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        Trees.delete(runDir);
    }

    /** The unpacked distribution with its CA, node certificate and test user, shared by every node. */
    private record Installation(Path home, Path security) {

        static Installation prepare() throws IOException, InterruptedException {
            Path zip = distribution();
            Path base = Path.of(System.getProperty("java.io.tmpdir")).resolve("alertas-elasticsearch-" + VERSION);
            Files.createDirectories(base.getParent());
            try (FileChannel channel = FileChannel.open(base.resolveSibling(base.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Installation installation = new Installation(base.resolve("elasticsearch-" + VERSION),
                        base.resolve("security"));
                if (!Files.exists(base.resolve("ready"))) {
                    Trees.delete(base);
                    Files.createDirectories(base);
                    unzip(zip, base);
                    installation.makeSecurity();
                    openForOthers(base);
                    Files.createFile(base.resolve("ready"));
                }
                return installation;
            }
        }

        private static Path distribution() {
            String configured = System.getProperty("alertas.elasticsearch.zip");
            Path zip;
            if (configured != null && !configured.isBlank()) {
                zip = Path.of(configured);
            } else {
                String repo = System.getProperty("maven.repo.local",
                        System.getProperty("user.home") + "/.m2/repository");
                zip = Path.of(repo, "org/elasticsearch/distribution/integ-test-zip/elasticsearch", VERSION,
                        "elasticsearch-" + VERSION + ".zip");
            }
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException("Elasticsearch distribution not found at " + zip
                        + "; depend on org.elasticsearch.distribution.integ-test-zip:elasticsearch:" + VERSION
                        + ":zip (alert-testkit does) or set -Dalertas.elasticsearch.zip");
            }
            return zip;
        }

        private static void unzip(Path zip, Path target) throws IOException {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    Path file = target.resolve(entry.getName()).normalize();
                    if (!file.startsWith(target)) {
                        throw new IOException("zip entry outside the target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(file);
                    } else {
                        Files.createDirectories(file.getParent());
                        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                        if (file.getParent().getFileName().toString().equals("bin")) {
                            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                        }
                    }
                }
            }
        }

        /** A CA, a node certificate for localhost signed by it, and the test user in a file realm. */
        private void makeSecurity() throws IOException, InterruptedException {
            Path config = security.resolve("config");
            Files.createDirectories(config);
            copyTree(home.resolve("config"), config);
            tool(config, "elasticsearch-certutil", "ca", "--pem", "--silent", "--out", security.resolve("ca.zip").toString());
            unzip(security.resolve("ca.zip"), security);
            tool(config, "elasticsearch-certutil", "cert", "--pem", "--silent",
                    "--ca-cert", security.resolve("ca/ca.crt").toString(),
                    "--ca-key", security.resolve("ca/ca.key").toString(),
                    "--dns", "localhost", "--ip", "127.0.0.1", "--name", "node",
                    "--out", security.resolve("node.zip").toString());
            unzip(security.resolve("node.zip"), security);
            tool(config, "elasticsearch-users", "useradd", USERNAME, "-p", PASSWORD, "-r", "superuser");
        }

        private void tool(Path config, String name, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(home.resolve("bin").resolve(name).toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(Map.of("ES_JAVA_HOME", System.getProperty("java.home"),
                    "ES_PATH_CONF", config.toString()));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(name + " failed: " + output);
            }
        }

        ElasticsearchNode startNode() throws IOException, InterruptedException {
            Path run = Files.createTempDirectory("alertas-es-node");
            Path config = run.resolve("config");
            copyTree(security.resolve("config"), config);
            copyTree(security.resolve("ca"), config.resolve("ca"));
            copyTree(security.resolve("node"), config.resolve("node"));
            for (String dir : List.of("data", "logs", "tmp")) {
                Files.createDirectories(run.resolve(dir));
            }
            int httpPort = freePort();
            Files.writeString(config.resolve("elasticsearch.yml"), String.join("\n",
                    "cluster.name: alertas-test",
                    "node.name: node-1",
                    "discovery.type: single-node",
                    "network.host: 127.0.0.1",
                    "http.port: " + httpPort,
                    "transport.port: " + freePort(),
                    "path.data: " + run.resolve("data"),
                    "path.logs: " + run.resolve("logs"),
                    "cluster.routing.allocation.disk.threshold_enabled: false",
                    "action.destructive_requires_name: false",
                    "xpack.security.enabled: true",
                    "xpack.security.http.ssl.enabled: true",
                    "xpack.security.http.ssl.key: node/node.key",
                    "xpack.security.http.ssl.certificate: node/node.crt",
                    "xpack.security.http.ssl.certificate_authorities: ca/ca.crt",
                    ""));
            Files.writeString(config.resolve("jvm.options"),
                    Files.readString(config.resolve("jvm.options")).replaceAll("(?m)^-Xlog:gc.*$", ""));
            List<String> command = new ArrayList<>();
            if (runningAsRoot()) {
                giveToNobody(run);
                command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
            }
            command.addAll(List.of(home.resolve("bin/elasticsearch").toString(), "-d", "-p", run.resolve("es.pid").toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(run.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(run.resolve("console.log").toFile());
            builder.environment().putAll(Map.of(
                    "ES_JAVA_HOME", System.getProperty("java.home"),
                    "ES_PATH_CONF", config.toString(),
                    "ES_TMPDIR", run.resolve("tmp").toString(),
                    "ES_JAVA_OPTS", "-Xms512m -Xmx512m"));
            Process launcher = builder.start();
            if (!launcher.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || launcher.exitValue() != 0) {
                launcher.destroyForcibly();
                if (portTaken(run.resolve("logs").resolve("alertas-test.log"))) {
                    Trees.delete(run);
                    throw new PortTaken("a port chosen for Elasticsearch was taken before it bound it");
                }
                throw new IOException("Elasticsearch did not start:\n" + tail(run.resolve("console.log")));
            }
            long pid = Long.parseLong(Files.readString(run.resolve("es.pid")).trim());
            ElasticsearchNode node = new ElasticsearchNode(run, pid, URI.create("https://localhost:" + httpPort),
                    config.resolve("ca/ca.crt"));
            node.awaitHealthy();
            return node;
        }
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

    /** Whether the node's log says it could not bind its HTTP or transport port. */
    private static boolean portTaken(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.anyMatch(l -> l.contains("BindHttpException") || l.contains("BindTransportException"));
        }
    }

    private void awaitHealthy() throws InterruptedException, IOException {
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
        close();
        throw new IOException("Elasticsearch did not become healthy: " + (last == null ? "" : last.getMessage()));
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

    /** Lets an unprivileged user read the distribution and run its scripts. */
    private static void openForOthers(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                boolean executable = Files.isDirectory(file) || Files.isExecutable(file);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
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
