package io.alertas.spi.rules;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The rule types. Each constant names the class in this package that gives the type its meaning (its
 * settings, the params it reads, its query and its judgement); a new type is one such class and one
 * constant here.
 */
public enum RuleType {
    FREQUENCY("frequency", Frequency.MEANING),
    SPIKE("spike", Spike.MEANING),
    FLATLINE("flatline", Flatline.MEANING),
    NEW_TERM("new_term", NewTerm.MEANING),
    CARDINALITY("cardinality", Cardinality.MEANING),
    METRIC("metric", Metric.MEANING),
    CHANGE("change", Change.MEANING),
    PERCENTAGE_MATCH("percentage_match", PercentageMatch.MEANING);

    private final String label;
    private final Meaning meaning;

    RuleType(String label, Meaning meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** As written in files: {@code "frequency"}, {@code "new_term"}, ... */
    public String label() {
        return label;
    }

    /** Every setting this type takes, common ones first. */
    public Set<String> settings() {
        return meaning.settings();
    }

    Meaning meaning() {
        return meaning;
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
