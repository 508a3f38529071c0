package io.alertas.core.internal.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cluster says it is: Elasticsearch or OpenSearch, and its version. Alertas is tested on Elasticsearch
 * 7.17, 8.x and 9.x and OpenSearch 2.x and 3.x; anything else is said to be untested, not refused.
 */
public record ClusterInfo(Flavour flavour, int major, int minor, String version) {

    /** The two kinds of cluster that answer Alertas' requests. */
    public enum Flavour {
        ELASTICSEARCH("Elasticsearch"), OPENSEARCH("OpenSearch");

        private final String display;

        Flavour(String display) {
            this.display = display;
        }

        @Override
        public String toString() {
            return display;
        }
    }

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(\\.\\d+)?.*");

    /**
     * Reads the answer to {@code GET /} ({@code version.number}, and {@code version.distribution} on
     * OpenSearch), or empty when it holds no version.
     */
    static Optional<ClusterInfo> fromRoot(JsonNode root) {
        JsonNode version = root.path("version");
        Flavour flavour = "opensearch".equals(version.path("distribution").asText()) ? Flavour.OPENSEARCH : Flavour.ELASTICSEARCH;
        return of(flavour, version.path("number").asText());
    }

    /**
     * Reads the answer to {@code GET /_nodes/_local}: Elasticsearch's node has a {@code build_flavor},
     * OpenSearch's has none.
     */
    static Optional<ClusterInfo> fromNodes(JsonNode nodes) {
        Iterator<JsonNode> each = nodes.path("nodes").elements();
        if (!each.hasNext()) {
            return Optional.empty();
        }
        JsonNode node = each.next();
        return of(node.has("build_flavor") ? Flavour.ELASTICSEARCH : Flavour.OPENSEARCH, node.path("version").asText());
    }

    private static Optional<ClusterInfo> of(Flavour flavour, String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ClusterInfo(flavour, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), version));
    }

    /** Whether Alertas' compatibility suite covers this line: Elasticsearch 7.17, 8, 9; OpenSearch 2, 3. */
    public boolean tested() {
        return switch (flavour) {
            case ELASTICSEARCH -> major == 7 && minor == 17 || major == 8 || major == 9;
            case OPENSEARCH -> major == 2 || major == 3;
        };
    }

    /** {@code Elasticsearch 8.19.21}. */
    @Override
    public String toString() {
        return flavour + " " + version;
    }
}
