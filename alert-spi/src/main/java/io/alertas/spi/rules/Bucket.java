package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A bucket of the innermost grouping level with the keys that lead to it. */
record Bucket(List<String> keys, JsonNode node) {

    String key() {
        return String.join(", ", keys);
    }

    long docCount() {
        return node.path("doc_count").asLong();
    }

    /** The buckets of nested terms aggregations {@code group_0} to {@code group_(depth-1)}, flattened. */
    static List<Bucket> flatten(JsonNode aggregations, int depth) {
        List<Bucket> out = new ArrayList<>();
        if (depth == 0) {
            JsonNode all = aggregations.path(Grouping.ALL);
            if (!all.isMissingNode()) {
                out.add(new Bucket(List.of(), all));
            }
            return out;
        }
        walk(aggregations, 0, depth, new ArrayList<>(), out);
        return out;
    }

    private static void walk(JsonNode parent, int level, int depth, List<String> keys, List<Bucket> out) {
        for (JsonNode bucket : parent.path(Grouping.level(level)).path("buckets")) {
            keys.add(bucket.path("key_as_string").asText(bucket.path("key").asText()));
            if (level + 1 == depth) {
                out.add(new Bucket(List.copyOf(keys), bucket));
            } else {
                walk(bucket, level + 1, depth, keys, out);
            }
            keys.remove(keys.size() - 1);
        }
    }
}
