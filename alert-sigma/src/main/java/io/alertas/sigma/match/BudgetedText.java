package io.alertas.sigma.match;

/**
 * A value as a regular expression reads it, one character at a time, each read counted: past the budget the match
 * stops with {@link UndecidedMatchException}, so that no value takes a backtracking matcher longer than a bounded
 * number of steps.
 */
final class BudgetedText implements CharSequence {

    /** Steps a value may take: enough for a pattern of a few {@code .*} over the longest keyword (8,191). */
    static final long STEPS_PER_CHAR = 2_000;
    static final long BASE_STEPS = 100_000;

    private final String text;
    private final long[] left;

    private BudgetedText(String text, long[] left) {
        this.text = text;
        this.left = left;
    }

    static BudgetedText of(String text) {
        return new BudgetedText(text, new long[] {BASE_STEPS + STEPS_PER_CHAR * text.length()});
    }

    @Override
    public char charAt(int index) {
        if (--left[0] < 0) {
            throw new UndecidedMatchException("a regular expression took more than "
                    + (BASE_STEPS + STEPS_PER_CHAR * text.length()) + " steps on a value of " + text.length()
                    + " characters");
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedText(text.substring(start, end), left);
    }

    @Override
    public String toString() {
        return text;
    }
}
