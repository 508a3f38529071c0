package io.alertas.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real single-node cluster for tests, from the integ-test zip on Maven Central that Maven fetched: Elasticsearch
 * (by default {@value #VERSION}) with security on, TLS with its own CA and a superuser with basic auth; or
 * OpenSearch, the same with its security plugin installed ({@code opensearch-2.19.3+security}), or without it on
 * plain HTTP and without a user (see {@link Cluster}). 512 MB heap.
 *
 * <p>The distribution is unpacked once per machine ({@link Installation}) with its CA, node certificate and user
 * ({@link TestCertificates}); each node gets a fresh data directory ({@link NodeProcess}). Neither flavour runs as
 * root, so under root the node runs as {@code nobody}. A node that needs a newer Java than the tests' runs on one
 * (see {@link Cluster}).
 *
 * <p>{@link #shared()} gives the node of the {@linkplain Cluster#configured() configured cluster} that tests share:
 * one per build when the build names a directory for it in the system property {@code alertas.testnode.dir}, as
 * this repository's parent pom does (see {@link SharedNode} for how it is found, leased and stopped), else one per
 * test JVM, stopped when the JVM exits. {@link #start()} always starts a node of the caller's own.
 */
public final class ElasticsearchNode implements AutoCloseable {

    public static final String VERSION = "8.19.21";
    public static final String USERNAME = "alerter";
    public static final String PASSWORD = "alertas-test-password";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ElasticsearchNode shared;

    private final NodeProcess process;
    /** Whether {@link #close()} stops the node: not for the build's shared node, which its watchdog stops. */
    private final boolean owned;
    private final NodeHttp http;

    private ElasticsearchNode(NodeProcess process, boolean owned) throws IOException {
        this.process = process;
        this.owned = owned;
        this.http = process.http();
    }

    /**
     * The node tests share, of the {@linkplain Cluster#configured() configured cluster}: the build's (see
     * {@link SharedNode}) when {@code alertas.testnode.dir} names its directory, else this JVM's, started on first
     * use and stopped when the JVM exits.
     */
    public static synchronized ElasticsearchNode shared() {
        if (shared == null) {
            String buildDir = System.getProperty(SharedNode.PROPERTY);
            if (buildDir == null || buildDir.isBlank()) {
                shared = start(Cluster.configured());
                ElasticsearchNode node = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(node::close, "elasticsearch-stop"));
            } else {
                Cluster cluster = Cluster.configured();
                shared = starting(cluster, () -> new ElasticsearchNode(SharedNode.acquire(Path.of(buildDir), cluster), false));
            }
        }
        return shared;
    }

    /** Starts a new node of the {@linkplain Cluster#configured() configured cluster}; the caller closes it. */
    public static ElasticsearchNode start() {
        return start(Cluster.configured());
    }

    /** Starts a new node of {@code cluster}; the caller closes it. */
    public static ElasticsearchNode start(Cluster cluster) {
        return start(cluster, 0);
    }

    /**
     * Starts a new node of {@code cluster} listening for HTTP on {@code httpPort} of 127.0.0.1 (a free one when 0), so
     * that a config pointed at it keeps working across restarts; the caller closes it.
     *
     * @throws UncheckedIOException naming the port when another program has it
     */
    public static ElasticsearchNode start(Cluster cluster, int httpPort) {
        return starting(cluster, () -> new ElasticsearchNode(NodeProcess.launch(Installation.prepare(cluster), httpPort), true));
    }

    private interface Start {
        ElasticsearchNode run() throws IOException, InterruptedException;
    }

    private static ElasticsearchNode starting(Cluster cluster, Start start) {
        try {
            return start.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + cluster.displayName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + cluster.displayName(), e);
        }
    }

    /** The flavour and version this node runs. */
    public Cluster cluster() {
        return process.cluster();
    }

    /** The URL of the node, such as {@code https://localhost:41234} (plain {@code http} for OpenSearch without security). */
    public URI url() {
        return process.url();
    }

    /**
     * The PEM file of the CA that signed the node's certificate.
     *
     * @throws IllegalStateException on a node without TLS (OpenSearch without its security plugin)
     */
    public Path caCertificate() {
        if (process.caCertificate() == null) {
            throw new IllegalStateException(cluster().displayName() + " runs without TLS: it has no CA");
        }
        return process.caCertificate();
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
        ObjectNode credentials = JSON.createObjectNode().put("url", url().toString());
        if (cluster().secured()) {
            credentials.put("username", USERNAME).put("password", PASSWORD).put("ca_certificate", caCertificate().toString());
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

    /** Stops a node this caller started; the shared node is left to whoever shares it. */
    @Override
    public void close() {
        if (owned) {
            process.stop();
        }
    }
}
