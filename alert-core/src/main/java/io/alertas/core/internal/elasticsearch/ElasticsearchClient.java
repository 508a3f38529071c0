package io.alertas.core.internal.elasticsearch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.backoff.Backoff;
import io.alertas.core.internal.files.HeapShare;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * Talks JSON to one Elasticsearch cluster over HTTP(S): basic auth or an API key, TLS always verified
 * (against a CA file when given, else the JVM's trusted roots), connect and request timeouts. Thread-safe.
 * Over https its connections are opened {@link OneHandshakeAtATime one after another}, so that those after the first
 * can resume a TLS session rather than each making a full handshake.
 */
public final class ElasticsearchClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final URI url;
    private final String authorization;
    private final Duration timeout;
    private final Backoff backoff;
    private final int searchBatch;
    private final HttpClient http;
    private final OneHandshakeAtATime handshakes;

    private ElasticsearchClient(Builder builder) throws IOException {
        this.url = requireNonNull(builder.url, "url is null");
        this.authorization = builder.authorization;
        this.timeout = builder.timeout;
        this.backoff = new Backoff(builder.attempts, builder.backoff, MAX_WAIT);
        this.searchBatch = builder.searchBatch;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
        if (builder.caCertificate != null) {
            http.sslContext(TrustedCa.trusting(builder.caCertificate));
        }
        this.http = http.build();
        this.handshakes = new OneHandshakeAtATime("https".equalsIgnoreCase(url.getScheme()));
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** Whether its requests carry credentials (basic auth or an API key). */
    public boolean signsIn() {
        return authorization != null;
    }

    /** The cluster's URL as it may be shown: scheme, host, port and path, never user info. */
    public String displayUrl() {
        return display(url);
    }

    static String display(URI url) {
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return url.getScheme() + "://" + url.getHost() + port + path;
    }

    /** Sends a search body to {@code index} (a pattern or comma-separated list) and returns the answer. */
    public JsonNode search(String index, JsonNode body) throws ElasticsearchException {
        return request("POST", "/" + encodeIndex(index) + "/_search", body);
    }

    /** One search of a batch: the index pattern (or comma-separated list) and the body. */
    public record Search(String index, JsonNode body) {
    }

    /** The answer to one search of a batch: its response, or why Elasticsearch refused it; one is null. */
    public record Answer(JsonNode response, ElasticsearchException failure) {
    }

    /** How many searches one {@code _msearch} request carries at most. */
    public int searchBatch() {
        return searchBatch;
    }

    /**
     * Sends several searches in one {@code _msearch} request. A search Elasticsearch refuses fails alone,
     * in its {@link Answer}; the request as a whole failing throws.
     */
    public List<Answer> msearch(List<Search> searches) throws ElasticsearchException {
        List<JsonNode> lines = new ArrayList<>();
        for (Search search : searches) {
            ObjectNode header = JSON.createObjectNode();
            ArrayNode indices = header.putArray("index");
            for (String index : search.index().split(",")) {
                indices.add(index.trim());
            }
            lines.add(header);
            lines.add(search.body() == null ? JSON.createObjectNode() : search.body());
        }
        JsonNode responses = ndjson("POST", "/_msearch", lines).path("responses");
        if (responses.size() != searches.size()) {
            throw failure("answered " + responses.size() + " responses to " + searches.size() + " searches",
                    "POST /_msearch", 200, false, true, null, null);
        }
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < searches.size(); i++) {
            JsonNode item = responses.get(i);
            if (item.has("error")) {
                int status = item.path("status").asInt();
                answers.add(new Answer(null, failure(Refusal.said(status, item),
                        "search of " + searches.get(i).index() + " in POST /_msearch", status, false, true, null, null)));
            } else {
                answers.add(new Answer(item, null));
            }
        }
        return answers;
    }

    /** An index pattern or comma-separated list as it goes in a request path. */
    public static String encodeIndex(String index) {
        return URLEncoder.encode(index, StandardCharsets.UTF_8).replace("%2C", ",");
    }

    /**
     * Asks the cluster what it is, once, without retrying: {@code GET /}, or {@code GET /_nodes/_local} where the
     * root says nothing (a cluster without its root handler answers 405, a user without the monitor privilege
     * 403). Empty when neither tells.
     *
     * @throws ElasticsearchException when the cluster cannot be reached or refuses the credentials
     */
    public Optional<ClusterInfo> clusterInfo() throws ElasticsearchException {
        try {
            Optional<ClusterInfo> root = ClusterInfo.fromRoot(sendOnce("GET", "/", "application/json", null));
            if (root.isPresent()) {
                return root;
            }
        } catch (ElasticsearchException e) {
            if (!e.ofTheRequest() && e.status() != 403) {
                throw e;
            }
        }
        try {
            return ClusterInfo.fromNodes(sendOnce("GET", "/_nodes/_local?filter_path=nodes.*.version,nodes.*.build_flavor",
                    "application/json", null));
        } catch (ElasticsearchException e) {
            if (!e.ofTheRequest() && e.status() != 403) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** Sends one request; {@code body} may be null. Returns the parsed JSON answer of a 2xx response. */
    public JsonNode request(String method, String path, JsonNode body) throws ElasticsearchException {
        return send(method, path, "application/json", body == null ? null : body.toString());
    }

    /** An answer that may be "not found" (404) or "conflict" (409) instead of a success. */
    public record Reply(int status, JsonNode body) {
        public boolean found() {
            return status / 100 == 2;
        }
    }

    /**
     * Sends one request whose 404 and 409 answers are outcomes, not failures: reading a document that may not
     * exist, or writing one with {@code if_seq_no} / {@code op_type=create}, which another writer may have beaten.
     */
    public Reply conditional(String method, String path, JsonNode body) throws ElasticsearchException {
        try {
            return new Reply(200, request(method, path, body));
        } catch (ElasticsearchException e) {
            if (e.status() == 404 || e.status() == 409) {
                return new Reply(e.status(), JSON.missingNode());
            }
            throw e;
        }
    }

    /** Sends newline-delimited JSON, as {@code _bulk} and {@code _msearch} take it, one line per element. */
    public JsonNode ndjson(String method, String path, List<JsonNode> lines) throws ElasticsearchException {
        StringBuilder body = new StringBuilder();
        lines.forEach(line -> body.append(line).append('\n'));
        return send(method, path, "application/x-ndjson", body.toString());
    }

    private JsonNode send(String method, String path, String contentType, String body) throws ElasticsearchException {
        return backoff.run(() -> sendOnce(method, path, contentType, body), ElasticsearchException::retryable,
                e -> Optional.ofNullable(e.retryAfter()));
    }

    private JsonNode sendOnce(String method, String path, String contentType, String body)
            throws ElasticsearchException {
        String target = method + " " + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<InputStream> response;
        byte[] answer;
        try (OneHandshakeAtATime.Turn turn = handshakes.take()) {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            turn.answered(response.version());
            answer = read(response, target);
        } catch (HttpConnectTimeoutException e) {
            throw failure("gave no answer within " + seconds(timeout) + " (the connection or its TLS handshake did"
                    + " not complete)", target, 0, false, false, null, e);
        } catch (HttpTimeoutException e) {
            throw failure("gave no answer within " + seconds(timeout), target, 0, false, true, null, e);
        } catch (ConnectException e) {
            if (unresolved(e)) {
                throw failure("cannot be reached: its host name \"" + url.getHost() + "\" does not resolve; check \"url\""
                        + " in credentials.json", target, 0, true, false, null, e);
            }
            throw failure("refused the connection", target, 0, true, false, null, e);
        } catch (SSLHandshakeException e) {
            throw failure("failed the TLS handshake (" + e.getMessage()
                    + "); check ca_certificate in credentials.json", target, 0, false, false, null, e);
        } catch (IOException e) {
            throw failure("could not be reached (" + e.getClass().getSimpleName() + ")", target, 0, true, false, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("request was interrupted", target, 0, false, false, null, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            boolean retryable = status == 429 || status == 502 || status == 503 || status == 504;
            boolean ofTheRequest = status / 100 == 4 && status != 401 && status != 403 && status != 429 || status == 500;
            throw failure(Refusal.said(status, answer),
                    target, status, retryable, ofTheRequest, Backoff.retryAfter(response.headers(), Instant.now()).orElse(null), null);
        }
        try {
            return JSON.readTree(answer);
        } catch (StreamConstraintsException e) {
            throw failure("answered with JSON beyond what the reader takes (a string over 20 million characters,"
                    + " or nesting over 1000 levels)", target, status, false, true, null, e);
        } catch (IOException e) {
            throw failure("answered with a body that is not JSON", target, status, false, true, null, e);
        }
    }

    /** The answer's body, at most its {@link HeapShare share of the heap}: a larger one fails its own search. */
    private byte[] read(HttpResponse<InputStream> response, String target) throws ElasticsearchException {
        try (InputStream in = response.body()) {
            byte[] answer = in.readNBytes((int) HeapShare.ANSWER.bytes() + 1);
            if (answer.length > HeapShare.ANSWER.bytes()) {
                throw failure("answered with more than " + HeapShare.ANSWER + "; narrow the query or lower its size",
                        target, response.statusCode(), false, true, null, null);
            }
            return answer;
        } catch (HttpTimeoutException e) {
            throw failure("gave no whole answer within " + seconds(timeout), target, 0, false, true, null, e);
        } catch (IOException e) {
            throw failure("broke off its answer (" + e.getClass().getSimpleName() + ")", target, 0, true, false, null, e);
        }
    }

    private static boolean unresolved(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private URI resolve(String path) {
        String base = url.toString().replaceAll("/+$", "");
        return URI.create(base + path);
    }

    private ElasticsearchException failure(String what, String target, int status, boolean retryable,
            boolean ofTheRequest, Duration retryAfter, Throwable cause) {
        return new ElasticsearchException("Elasticsearch at " + displayUrl() + " " + what + " (" + target + ")",
                status, retryable, ofTheRequest, retryAfter, cause);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** Settings of a client; only the URL is required. */
    public static final class Builder {
        private final URI url;
        private String authorization;
        private Path caCertificate;
        private Duration timeout = Duration.ofSeconds(30);
        private int attempts = 3;
        private Duration backoff = Duration.ofMillis(500);
        private int searchBatch = 50;

        private Builder(URI url) {
            this.url = url;
        }

        public Builder basicAuth(String username, String password) {
            String pair = username + ":" + password;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /**
         * An API key as Elasticsearch returns it encoded: base64 of {@code id:key}.
         *
         * @throws IllegalArgumentException (not quoting the key) when it holds a character that cannot go in
         *     an HTTP header (a line break, a control character, a non-ASCII letter)
         */
        public Builder apiKey(String encoded) {
            if (!encoded.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                throw new IllegalArgumentException("the API key holds a space, a line break or another character"
                        + " that cannot go in an HTTP header; it is the base64 \"encoded\" value Elasticsearch returned");
            }
            this.authorization = "ApiKey " + encoded;
            return this;
        }

        /** A PEM file of the CA certificate(s) to trust instead of the JVM's roots. */
        public Builder caCertificate(Path caCertificate) {
            this.caCertificate = caCertificate;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = requireNonNull(timeout, "timeout is null");
            return this;
        }

        /**
         * Attempts per request when the cluster is unreachable or answers 429, 502, 503 or 504, and the first
         * wait between them (doubling; a Retry-After is honoured, up to 10 s).
         */
        public Builder retries(int attempts, Duration backoff) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            this.attempts = attempts;
            this.backoff = requireNonNull(backoff, "backoff is null");
            return this;
        }

        /** How many searches one {@code _msearch} request of a pass carries at most (default 50). */
        public Builder searchBatch(int searchBatch) {
            if (searchBatch < 1) {
                throw new IllegalArgumentException("searchBatch must be at least 1");
            }
            this.searchBatch = searchBatch;
            return this;
        }

        /** @throws IOException when the CA file cannot be read as PEM certificates */
        public ElasticsearchClient build() throws IOException {
            return new ElasticsearchClient(this);
        }
    }
}
