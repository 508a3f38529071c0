package io.alertas.sigma.match;

/**
 * Thrown by {@link QueryMatcher#test} when a regular expression spent its budget on one value (Java backtracks where
 * Lucene runs an automaton, and a crafted value can make that slow) or ran out of stack (Java recurses once per
 * repetition of a group with alternatives): the matcher cannot say whether the hit matches, so the caller asks the
 * cluster with the query instead. Never a silent "no match".
 */
public final class UndecidedMatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UndecidedMatchException(String message) {
        super(message, null, false, false);
    }
}
