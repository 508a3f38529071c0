package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.pass.SecretsNeeded;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which settings of credentials.json must have their {@code "${NAME}"} variable set, for a use of the engine:
 * the cluster's are those of its own sections, the rest (the media, the dead-man URL) are those that send. The
 * cluster's {@code "url"} is needed by every use: no secret, but required, and the client is built from it.
 */
final class NeededSecrets {

    private static final List<String> CLUSTER_SECTIONS = List.of("/elasticsearch", "/state", "/history");
    private static final String CLUSTER_URL = "/elasticsearch/url";

    private NeededSecrets() {
    }

    /** The JSON pointers of {@code credentials} (the file as written) whose variables {@code needed} must have. */
    static Predicate<String> of(SecretsNeeded needed, JsonNode credentials) {
        boolean cluster = switch (needed) {
            case ALL, CLUSTER -> true;
            case STATE -> "elasticsearch".equals(credentials.path("state").path("store").asText());
            case NONE -> false;
        };
        if (needed == SecretsNeeded.ALL) {
            return pointer -> true;
        }
        return pointer -> pointer.equals(CLUSTER_URL)
                || cluster && CLUSTER_SECTIONS.stream().anyMatch(s -> pointer.equals(s) || pointer.startsWith(s + "/"));
    }
}
