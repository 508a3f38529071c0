package io.alertas.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real single-node cluster for tests, from the integ-test zip on Maven Central that Maven fetched: Elasticsearch
 * (by default {@value #VERSION}) with security on, TLS with its own CA and a superuser with basic auth; or
 * OpenSearch, whose integ-test zip has no security plugin, on plain HTTP. 512 MB heap.
 *
 * <p>The distribution is unpacked once per machine (under {@code java.io.tmpdir}) together with its CA,
 * node certificate and user; each node gets a fresh data directory. Neither flavour runs as root, so under
 * root the node runs as {@code nobody}. Use {@link #shared()} for one node per test JVM, of the cluster that
 * {@link Cluster#configured()} names; a node that needs a newer Java than the tests' runs on one (see
 * {@link Cluster}).
 */
public final class ElasticsearchNode implements AutoCloseable {

    public static final String VERSION = "8.19.21";
    public static final String USERNAME = "alerter";
    public static final String PASSWORD = "alertas-test-password";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** How many times a node is started on new ports when another process took one between choosing and binding. */
    private static final int PORT_ATTEMPTS = 5;
    /** Guards only the test CA's and node's keystores, which are thrown away once the PEM files are written. */
    private static final String KEYSTORE_PASSWORD = "alertas-test-keystore";
    private static ElasticsearchNode shared;

    private final Cluster cluster;
    private final Path runDir;
    private final long pid;
    private final URI url;
    private final Path caCertificate;
    private final NodeHttp http;

    private ElasticsearchNode(Cluster cluster, Path runDir, long pid, URI url, Path caCertificate) throws IOException {
        this.cluster = cluster;
        this.runDir = runDir;
        this.pid = pid;
        this.url = url;
        this.caCertificate = caCertificate;
        this.http = cluster.secured() ? new NodeHttp(url, USERNAME, PASSWORD, caCertificate) : new NodeHttp(url);
    }

    /** The node of this JVM, of the {@linkplain Cluster#configured() configured cluster}, started on first use and stopped when the JVM exits. */
    public static synchronized ElasticsearchNode shared() {
        if (shared == null) {
            shared = start(Cluster.configured());
            ElasticsearchNode node = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "elasticsearch-stop"));
        }
        return shared;
    }

    /** Starts a new node of the {@linkplain Cluster#configured() configured cluster}; the caller closes it. */
    public static ElasticsearchNode start() {
        return start(Cluster.configured());
    }

    /** Starts a new node of {@code cluster}; the caller closes it. */
    public static ElasticsearchNode start(Cluster cluster) {
        try {
            Installation installation = Installation.prepare(cluster);
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
            throw new UncheckedIOException("could not start " + cluster.displayName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + cluster.displayName(), e);
        }
    }

    /** The flavour and version this node runs. */
    public Cluster cluster() {
        return cluster;
    }

    /** The URL of the node, such as {@code https://localhost:41234} (plain {@code http} for OpenSearch). */
    public URI url() {
        return url;
    }

    /**
     * The PEM file of the CA that signed the node's certificate.
     *
     * @throws IllegalStateException on a node without TLS (OpenSearch)
     */
    public Path caCertificate() {
        if (caCertificate == null) {
            throw new IllegalStateException(cluster.displayName() + " runs without TLS: it has no CA");
        }
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
        ObjectNode credentials = JSON.createObjectNode().put("url", url.toString());
        if (cluster.secured()) {
            credentials.put("username", USERNAME).put("password", PASSWORD).put("ca_certificate", caCertificate.toString());
        }
        return credentials;
    }

    /** Creates {@code index} with the given mappings (the body of a create-index request's "mappings"). */
    public void createIndex(String index, JsonNode mappings) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("settings").put("number_of_replicas", 0);
        body.set("mappings", mappings);
        request("PUT", "/" + index, body);
    }

    /**
     * Indexes documents into {@code index} and makes them searchable before returning. A missing index is created
     * first without replicas (index templates still map it), so that the one node stays green.
     */
    public void index(String index, List<? extends JsonNode> documents) {
        if (documents.isEmpty()) {
            return;
        }
        ObjectNode noReplicas = JSON.createObjectNode();
        noReplicas.putObject("settings").put("number_of_replicas", 0);
        try {
            http.send("PUT", "/" + index, "application/json", noReplicas.toString());
        } catch (IOException e) {
            if (!e.getMessage().contains("resource_already_exists_exception")) {
                throw new IllegalStateException(e.getMessage(), e);
            }
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

    /** The unpacked distribution, with the CA, node certificate and test user of an Elasticsearch one, shared by every node. */
    private record Installation(Cluster cluster, Path home, Path security, Path java) {

        static Installation prepare(Cluster cluster) throws IOException, InterruptedException {
            Path zip = cluster.zip();
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException(cluster.displayName() + " distribution not found at " + zip + "; depend on "
                        + cluster.coordinates() + " (alert-testkit does for " + Cluster.DEFAULT + ")");
            }
            Path base = Path.of(System.getProperty("java.io.tmpdir")).resolve("alertas-" + cluster);
            Files.createDirectories(base.getParent());
            try (FileChannel channel = FileChannel.open(base.resolveSibling(base.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Installation installation = new Installation(cluster, base.resolve(cluster.toString()),
                        base.resolve("security"), cluster.javaHome());
                if (!Files.exists(base.resolve("ready"))) {
                    Trees.delete(base);
                    Files.createDirectories(base);
                    unzip(zip, base);
                    Path config = installation.security.resolve("config");
                    Files.createDirectories(config);
                    copyTree(installation.home.resolve("config"), config);
                    if (cluster.secured()) {
                        installation.makeSecurity(config);
                    }
                    openForOthers(base);
                    Files.createFile(base.resolve("ready"));
                }
                return installation;
            }
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

        /**
         * A CA, a node certificate for localhost signed by it (both made with the JDK's keytool, as every version's
         * integ-test zip lacks some of Elasticsearch's certificate tool), and the test user in a file realm.
         */
        private void makeSecurity(Path config) throws IOException, InterruptedException {
            Path ca = Files.createDirectories(security.resolve("ca"));
            Path node = Files.createDirectories(security.resolve("node"));
            Path caStore = security.resolve("ca.p12");
            Path nodeStore = security.resolve("node.p12");
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                    "-dname", "CN=Alertas test CA", "-ext", "bc:c", "-keystore", caStore.toString());
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(),
                    "-file", ca.resolve("ca.crt").toString());
            keytool("-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                    "-dname", "CN=localhost", "-keystore", nodeStore.toString());
            keytool("-certreq", "-alias", "node", "-keystore", nodeStore.toString(),
                    "-file", security.resolve("node.csr").toString());
            keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-validity", "3650",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-infile", security.resolve("node.csr").toString(),
                    "-outfile", node.resolve("node.crt").toString());
            Files.writeString(node.resolve("node.key"), privateKeyPem(nodeStore, "node"));
            tool(config, "elasticsearch-users", "useradd", USERNAME, "-p", PASSWORD, "-r", "superuser");
        }

        private void keytool(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
            command.addAll(List.of(args));
            command.addAll(List.of("-storetype", "PKCS12", "-storepass", KEYSTORE_PASSWORD));
            run(new ProcessBuilder(command), "keytool " + args[0]);
        }

        private static String privateKeyPem(Path store, String alias) throws IOException {
            try (InputStream in = Files.newInputStream(store)) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(in, KEYSTORE_PASSWORD.toCharArray());
                byte[] pkcs8 = keys.getKey(alias, KEYSTORE_PASSWORD.toCharArray()).getEncoded();
                return "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----\n";
            } catch (GeneralSecurityException e) {
                throw new IOException("could not read the node key from " + store + ": " + e.getMessage(), e);
            }
        }

        private void tool(Path config, String name, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(home.resolve("bin").resolve(name).toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(Map.of("ES_JAVA_HOME", java.toString(), "ES_PATH_CONF", config.toString()));
            run(builder, name);
        }

        private static void run(ProcessBuilder builder, String name) throws IOException, InterruptedException {
            Process process = builder.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(name + " failed: " + output);
            }
        }

        /** The node's settings: one node on loopback, the given ports, and TLS and a file realm on Elasticsearch. */
        private List<String> settings(Path run, int httpPort, int transportPort) {
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
            if (cluster.secured()) {
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

        ElasticsearchNode startNode() throws IOException, InterruptedException {
            Path run = Files.createTempDirectory("alertas-node");
            Path config = run.resolve("config");
            copyTree(security.resolve("config"), config);
            if (cluster.secured()) {
                copyTree(security.resolve("ca"), config.resolve("ca"));
                copyTree(security.resolve("node"), config.resolve("node"));
            }
            for (String dir : List.of("data", "logs", "tmp")) {
                Files.createDirectories(run.resolve(dir));
            }
            int httpPort = freePort();
            Files.writeString(config.resolve(cluster.flavour().settingsFile),
                    String.join("\n", settings(run, httpPort, freePort())));
            // No GC log: the distribution's option writes one per node into a shared place.
            Files.writeString(config.resolve("jvm.options"),
                    Files.readString(config.resolve("jvm.options")).replaceAll("(?m)^(\\d+-?\\d*:)?-Xlog:gc.*$", ""));
            List<String> command = new ArrayList<>();
            if (runningAsRoot()) {
                giveToNobody(run);
                command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
            }
            command.addAll(List.of(home.resolve("bin").resolve(cluster.flavour().name).toString(),
                    "-d", "-p", run.resolve("node.pid").toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(run.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(run.resolve("console.log").toFile());
            String prefix = cluster.flavour().environmentPrefix;
            builder.environment().putAll(Map.of(
                    prefix + "JAVA_HOME", java.toString(),
                    prefix + "PATH_CONF", config.toString(),
                    prefix + "TMPDIR", run.resolve("tmp").toString(),
                    prefix + "JAVA_OPTS", "-Xms512m -Xmx512m"));
            Process launcher = builder.start();
            if (!launcher.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || launcher.exitValue() != 0) {
                launcher.destroyForcibly();
                if (portTaken(run.resolve("logs").resolve("alertas-test.log"))) {
                    Trees.delete(run);
                    throw new PortTaken("a port chosen for " + cluster.displayName() + " was taken before it bound it");
                }
                throw new IOException(cluster.displayName() + " did not start:\n" + tail(run.resolve("console.log")));
            }
            long pid = awaitPidFile(run.resolve("node.pid"));
            ElasticsearchNode node = new ElasticsearchNode(cluster, run, pid,
                    URI.create((cluster.secured() ? "https" : "http") + "://localhost:" + httpPort),
                    cluster.secured() ? config.resolve("ca/ca.crt") : null);
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
