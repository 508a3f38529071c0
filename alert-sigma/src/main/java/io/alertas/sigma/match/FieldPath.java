package io.alertas.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/**
 * A field of a query found in a document's {@code _source} as Elasticsearch indexes it: {@code a.b.c} is the path
 * through objects, the literal key {@code "a.b.c"}, or any mix ({@code "a.b"} then {@code c}), as some shippers
 * flatten what Winlogbeat nests; arrays, of objects or of values, are flattened, and nulls are no values.
 */
final class FieldPath {

    /** Its keys are made for every run of parts, which grows as the cube of their number: bounded here. */
    private static final int MAX_PARTS = 32;

    private final int parts;
    /** {@code keys[start][end]}: the parts from start to end (exclusive) joined with dots, made once. */
    private final String[][] keys;

    FieldPath(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a query names the empty field");
        }
        String[] split = name.split("\\.", -1);
        if (split.length > MAX_PARTS) {
            throw new IllegalArgumentException("the field " + name.substring(0, Math.min(name.length(), 80))
                    + "... has more than " + MAX_PARTS + " dotted parts");
        }
        this.parts = split.length;
        this.keys = new String[parts][parts + 1];
        for (int start = 0; start < parts; start++) {
            for (int end = start + 1; end <= parts; end++) {
                keys[start][end] = String.join(".", java.util.Arrays.copyOfRange(split, start, end));
            }
        }
    }

    /** Whether any scalar value of the field in {@code source} passes {@code test}; none when absent or null. */
    boolean anyValue(JsonNode source, Predicate<JsonNode> test) {
        return visit(source, 0, test, false);
    }

    /** Whether the field holds any value: a scalar, or under an object field, a scalar of one of its sub-fields. */
    boolean exists(JsonNode source) {
        return visit(source, 0, value -> true, true);
    }

    private boolean visit(JsonNode node, int start, Predicate<JsonNode> test, boolean objectsToo) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (visit(element, start, test, objectsToo)) {
                    return true;
                }
            }
            return false;
        }
        if (start == parts) {
            if (node.isValueNode()) {
                return !node.isNull() && test.test(node);
            }
            return objectsToo && node.isObject() && holdsScalar(node);
        }
        if (!node.isObject()) {
            return false;
        }
        for (int end = start + 1; end <= parts; end++) {
            JsonNode child = node.get(keys[start][end]);
            if (child != null && visit(child, end, test, objectsToo)) {
                return true;
            }
        }
        return false;
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
