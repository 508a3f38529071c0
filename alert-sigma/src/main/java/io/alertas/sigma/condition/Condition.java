package io.alertas.sigma.condition;

import java.util.List;

/**
 * A detection's {@code condition} parsed: which search identifiers must match, combined with and, or, not and the
 * quantifiers ({@code 1 of sel*}, {@code all of them}). Built by {@link ConditionParser}.
 */
public sealed interface Condition {

    /** Every operand matches. */
    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    /** At least one operand matches. */
    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** The operand does not match. */
    record Not(Condition operand) implements Condition {
    }

    /** The search identifier {@code name} matches. */
    record Search(String name) implements Condition {
    }

    /**
     * At least {@code count} of the search identifiers {@code names} match ({@code 1 of sel*}, {@code 2 of sel*});
     * {@code count} is {@link #ALL} for {@code all of}. {@code names} are those the pattern (or {@code them})
     * named, in the detection's order, never empty.
     */
    record Quantified(int count, List<String> names, String written) implements Condition {

        /** The count of {@code all of}. */
        public static final int ALL = -1;

        public Quantified {
            names = List.copyOf(names);
        }
    }
}
