package io.alertas.sigma;

import static java.util.Objects.requireNonNull;

/**
 * A rule that cannot run, and why: the reason, for the coverage report to group by, and a message naming the
 * construct (the modifier, the field, the log source), never the rule's whole text.
 */
public final class SigmaException extends Exception {

    /** Why a rule is skipped; the words are the groups of the coverage report. */
    public enum Reason {
        INVALID("invalid rule"),
        DEPRECATED_SYNTAX("deprecated syntax"),
        UNSUPPORTED_MODIFIER("unsupported modifier"),
        UNMAPPED_FIELD("unmapped field"),
        UNKNOWN_LOG_SOURCE("unknown log source"),
        UNKNOWN_PLACEHOLDER("placeholder without values"),
        UNSUPPORTED_CORRELATION("unsupported correlation");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    private final Reason reason;

    public SigmaException(Reason reason, String message) {
        super(requireNonNull(message, "message is null"));
        this.reason = requireNonNull(reason, "reason is null");
    }

    public Reason reason() {
        return reason;
    }
}
