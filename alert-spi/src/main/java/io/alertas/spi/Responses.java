package io.alertas.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the parts of an Elasticsearch answer that evaluators use: terms buckets, hits and their fields.
 * Every method tolerates missing parts (an index with no documents answers without aggregations) and
 * never returns null.
 */
public final class Responses {

    private Responses() {
    }

    /** The buckets of the top-level aggregation {@code name}, or of the sub-aggregation of a bucket. */
    public static List<JsonNode> buckets(JsonNode responseOrBucket, String name) {
        JsonNode aggregation = responseOrBucket.has("aggregations")
                ? responseOrBucket.path("aggregations").path(name) : responseOrBucket.path(name);
        List<JsonNode> buckets = new ArrayList<>();
        aggregation.path("buckets").forEach(buckets::add);
        return buckets;
    }

    /** The keys of the buckets of a bucket's sub-aggregation {@code name}, as text. */
    public static List<String> keys(JsonNode bucket, String name) {
        List<String> keys = new ArrayList<>();
        buckets(bucket, name).forEach(b -> keys.add(b.path("key_as_string").asText(b.path("key").asText())));
        return keys;
    }

    /** The hits of a search answer, each with its {@code _source}. */
    public static List<JsonNode> hits(JsonNode response) {
        List<JsonNode> hits = new ArrayList<>();
        response.path("hits").path("hits").forEach(hits::add);
        return hits;
    }

    /**
     * A field of a hit's {@code _source} by its dotted name, such as {@code "winlog.event_data.ServiceName"},
     * whether the source nests objects or holds the dotted key, as text (a list's items joined by commas);
     * empty when absent.
     */
    public static String field(JsonNode hit, String dotted) {
        return text(at(hit.has("_source") ? hit.path("_source") : hit, dotted));
    }

    /**
     * The value at a dotted path, such as {@code "aggregations.hosts.buckets"}, {@code "hits.hits.0._source"}
     * or {@code "host.name"}: a key holding the whole dotted name is taken first, then each part in turn
     * (a number picks an item of a list); a missing node (never null) when there is none.
     */
    public static JsonNode at(JsonNode node, String dotted) {
        if (node.has(dotted)) {
            return node.get(dotted);
        }
        JsonNode current = node;
        for (String part : dotted.split("\\.")) {
            current = current.isArray() && !part.isEmpty() && part.chars().allMatch(Character::isDigit)
                    ? current.path(Integer.parseInt(part)) : current.path(part);
        }
        return current;
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return String.join(", ", items);
        }
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    /** Items joined by commas, the first {@code max} of them, then "and N more". */
    public static String list(List<String> items, int max) {
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max)) + " and " + (items.size() - max) + " more";
    }

    /** "1 logon", "3 logons". */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
