package io.alertas.spi.rules;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rule types, with the settings each takes besides those every rule takes. */
public enum RuleType {
    FREQUENCY("frequency", List.of("threshold", "timeframe"), List.of()),
    SPIKE("spike", List.of("factor", "reference", "min_count", "direction", "field", "metric"), List.of()),
    FLATLINE("flatline", List.of("threshold", "lookback"), List.of()),
    NEW_TERM("new_term", List.of("lookback"), List.of("group_by")),
    CARDINALITY("cardinality", List.of("field", "above", "below", "at_least", "at_most"), List.of("field")),
    METRIC("metric", List.of("field", "metric", "percentile", "above", "below", "at_least", "at_most"), List.of("field")),
    CHANGE("change", List.of("field"), List.of("field")),
    PERCENTAGE_MATCH("percentage_match", List.of("match", "above", "below", "at_least", "at_most", "min_count"), List.of("match"));

    /** The ways a bound is given: fire above it, below it, at it or above, at it or below. */
    static final List<String> BOUNDS = List.of("above", "below", "at_least", "at_most");

    /** What every rule takes. */
    static final List<String> COMMON = List.of("filter", "group_by", "timestamp_field", "size", "summary", "aggs");
    static final Duration DEFAULT_REFERENCE = Duration.ofHours(1);
    static final Duration DEFAULT_LOOKBACK = Duration.ofDays(7);

    private final String label;
    private final List<String> own;
    private final List<String> required;

    RuleType(String label, List<String> own, List<String> required) {
        this.label = label;
        this.own = own;
        this.required = required;
    }

    /** As written in files: {@code "frequency"}, {@code "new_term"}, ... */
    public String label() {
        return label;
    }

    /** Every setting this type takes, common ones first. */
    public Set<String> settings() {
        Set<String> all = new LinkedHashSet<>(COMMON);
        all.addAll(own);
        return all;
    }

    List<String> required() {
        return required;
    }

    /** Whether a bound is given with {@code above} or {@code below}. */
    boolean bounded() {
        return own.contains("above");
    }

    public static Optional<RuleType> ofLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }

    /** The labels, for messages: "frequency, spike, ...". */
    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(RuleType::label).toList());
    }

    @Override
    public String toString() {
        return label;
    }
}
