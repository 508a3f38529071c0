package io.alertas.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field of a query found in a document's {@code _source} as Elasticsearch indexes it: {@code a.b.c} is the path
 * through objects, the literal key {@code "a.b.c"}, or any mix ({@code "a.b"} then {@code c}), as some shippers
 * flatten what Winlogbeat nests; arrays, of objects or of values, are flattened, and nulls are no values.
 */
final class FieldPath {

    private final String name;
    private final String[] parts;

    FieldPath(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a query names the empty field");
        }
        this.name = name;
        this.parts = name.split("\\.", -1);
    }

    String name() {
        return name;
    }

    /** The scalar values the field holds in {@code source}: none when it is absent, null or an empty array. */
    List<JsonNode> values(JsonNode source) {
        List<JsonNode> values = new ArrayList<>(2);
        collect(source, 0, values, false);
        return values;
    }

    /** Whether the field holds any value: a scalar, or under an object field, a scalar of one of its sub-fields. */
    boolean exists(JsonNode source) {
        List<JsonNode> found = new ArrayList<>(2);
        collect(source, 0, found, true);
        return !found.isEmpty();
    }

    private void collect(JsonNode node, int start, List<JsonNode> into, boolean objectsToo) {
        if (node.isArray()) {
            node.forEach(element -> collect(element, start, into, objectsToo));
            return;
        }
        if (start == parts.length) {
            if (node.isValueNode() && !node.isNull()) {
                into.add(node);
            } else if (objectsToo && node.isObject() && holdsScalar(node)) {
                into.add(node);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        StringBuilder key = new StringBuilder();
        for (int end = start; end < parts.length; end++) {
            if (end > start) {
                key.append('.');
            }
            key.append(parts[end]);
            JsonNode child = node.get(key.toString());
            if (child != null) {
                collect(child, end + 1, into, objectsToo);
            }
        }
    }

    private static boolean holdsScalar(JsonNode node) {
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (holdsScalar(child)) {
                    return true;
                }
            }
            return false;
        }
        return !node.isNull();
    }
}
