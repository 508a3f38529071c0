package io.alertas.core.internal.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the secrets of credentials.json, its {@code "${NAME}"} values already read from the environment: the
 * cluster's password and API key, and in every other section (each medium, built-in or a plugin's, and
 * monitoring) every value named like a secret, every header value, and every URL.
 */
public final class ConfiguredSecrets {

    /** Names of settings that hold a secret whatever their value looks like: api_key, routing_key, password, token. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass|secret|token|key|auth|credential|signature).*");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

    private ConfiguredSecrets() {
    }

    /** Adds the secrets of {@code credentials} (credentials.json with the environment read in) to {@code secrets}. */
    public static Secrets.Builder add(JsonNode credentials, Secrets.Builder secrets) {
        for (Iterator<Map.Entry<String, JsonNode>> it = credentials.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            if (section.getKey().equals("elasticsearch")) {
                // its URLs (the cluster's, Kibana's) are addresses, not secrets, and show in messages
                JsonNode es = section.getValue();
                secrets.value(es.path("api_key").asText(null));
                secrets.credentials(es.path("username").asText(null), es.path("password").asText(null));
            } else {
                walk(section.getKey(), section.getValue(), false, secrets);
            }
        }
        return secrets;
    }

    /**
     * Whether {@code written} (credentials.json as written, before the environment is read in) holds a secret
     * itself: a secret of {@link #add} once every {@code "${NAME}"} in it is taken out.
     */
    public static boolean heldIn(JsonNode written) {
        JsonNode literal = withoutVariables(written);
        Secrets secrets = add(literal, Secrets.builder()).build();
        return !secrets.mask(literal).equals(literal);
    }

    private static JsonNode withoutVariables(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), withoutVariables(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(withoutVariables(element)));
            return copy;
        }
        return node.isTextual() ? TextNode.valueOf(VARIABLE.matcher(node.asText()).replaceAll("")) : node;
    }

    private static void walk(String name, JsonNode node, boolean secret, Secrets.Builder secrets) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(e.getKey(), e.getValue(),
                    secret || name.equalsIgnoreCase("headers") || SECRET_NAME.matcher(e.getKey()).matches(), secrets));
        } else if (node.isArray()) {
            node.forEach(element -> walk(name, element, secret, secrets));
        } else if (node.isTextual()) {
            if (secret || Secrets.Builder.isUrl(node.asText())) {
                secrets.value(node.asText());
            }
        }
    }
}
