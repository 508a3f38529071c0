package io.alertas.spi.rules;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One group of events a rule judged: the values of its {@code group_by} fields, the answer's bucket for it
 * (with any sub-aggregations the rule was given), and the rule's own numbers. Handed to a rule's
 * {@code describe} function to word a finding.
 */
public final class Group {

    private final List<String> keys;
    private final JsonNode bucket;
    private final long count;
    private final double value;
    private final double reference;
    private final String text;

    private Group(List<String> keys, JsonNode bucket, long count, double value, double reference, String text) {
        this.keys = List.copyOf(keys);
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.count = count;
        this.value = value;
        this.reference = reference;
        this.text = requireNonNull(text, "text is null");
    }

    /** The values of the {@code group_by} fields, in their order; empty for a rule that does not group. */
    public List<String> keys() {
        return keys;
    }

    /** The finding's key: the values joined by ", ". */
    public String key() {
        return String.join(", ", keys);
    }

    /** The bucket of the answer for this group, with the sub-aggregations added by {@code aggregation(...)}. */
    public JsonNode bucket() {
        return bucket;
    }

    /** How many events of the window the group has. */
    public long count() {
        return count;
    }

    /**
     * The number the rule judged: the count (frequency, flatline, spike), the distinct values
     * (cardinality), the metric (metric, or a spike of a metric), the share in percent (percentage_match).
     */
    public double value() {
        return value;
    }

    /** A spike's reference, scaled to the window; NaN for other rules. */
    public double reference() {
        return reference;
    }

    /** The rule's own wording of the finding, such as {@code "7 events (at least 5)"}. */
    public String text() {
        return text;
    }

    static Group of(Bucket bucket, long count, double value, double reference, String text) {
        return of(bucket.keys(), bucket.node(), count, value, reference, text);
    }

    static Group of(List<String> keys, JsonNode bucket, long count, double value, double reference, String text) {
        return new Group(keys, bucket, count, value, reference, text);
    }
}
