package io.alertas.sigma.correlation;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.rule.SigmaRule;
import java.time.Duration;
import java.util.List;

/**
 * A Sigma correlation rule: what it counts ({@code type}), over which rules (by name or id), per which fields,
 * within which timespan, and the condition on the count. {@code field} is the counted field of a
 * {@code value_count}, empty otherwise. (Stub of {@link #of}: the language slice writes it.)
 */
public record Correlation(Type type, List<String> rules, List<String> groupBy, Duration timespan, String field,
        Condition condition) {

    /** The correlation types of the Sigma specification. */
    public enum Type { EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED }

    /** The condition on the count: {@code operator} is gt, gte, lt, lte or eq. */
    public record Condition(String operator, long value) {
    }

    /**
     * The correlation of {@code rule}, which must be a correlation rule.
     *
     * @throws SigmaException when a part is missing or of the wrong shape
     */
    public static Correlation of(SigmaRule rule) throws SigmaException {
        throw new UnsupportedOperationException("stub");
    }
}
