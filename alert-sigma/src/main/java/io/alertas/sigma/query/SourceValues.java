package io.alertas.sigma.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a dotted field in a hit's {@code _source}, which may hold it as nested objects
 * ({@code {"process": {"name": ..}}}), as one dotted key ({@code {"process.name": ..}}), or as a mix; arrays give
 * each element.
 */
final class SourceValues {

    private SourceValues() {
    }

    static List<JsonNode> of(JsonNode source, String field) {
        List<JsonNode> values = new ArrayList<>();
        collect(source, field, values);
        return values;
    }

    private static void collect(JsonNode node, String path, List<JsonNode> values) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> collect(element, path, values));
            return;
        }
        if (path.isEmpty()) {
            if (node.isValueNode()) {
                values.add(node);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (int dot = path.indexOf('.'); ; dot = path.indexOf('.', dot + 1)) {
            String key = dot < 0 ? path : path.substring(0, dot);
            collect(node.get(key), dot < 0 ? "" : path.substring(dot + 1), values);
            if (dot < 0) {
                return;
            }
        }
    }
}
