package io.alertas.sigma.match;

/**
 * A wildcard query's pattern as Lucene reads it ({@code *} any text, {@code ?} one character, {@code \} makes the
 * next character literal), matched against a whole value in time proportional to the value's length times the
 * pattern's, without a regular expression and without copying the value: the star last seen is the only point to
 * go back to.
 */
final class Wildcard {

    private static final char LITERAL = 0;
    private static final char STAR = 1;
    private static final char ANY = 2;

    private final char[] pattern;
    private final char[] kinds;
    private final boolean caseInsensitive;

    Wildcard(String pattern, boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
        String text = caseInsensitive ? Values.fold(pattern) : pattern;
        char[] chars = new char[text.length()];
        char[] kinds = new char[text.length()];
        int size = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                chars[size] = text.charAt(++i);
                kinds[size++] = LITERAL;
            } else {
                chars[size] = c;
                kinds[size++] = c == '*' ? STAR : c == '?' ? ANY : LITERAL;
            }
        }
        this.pattern = java.util.Arrays.copyOf(chars, size);
        this.kinds = java.util.Arrays.copyOf(kinds, size);
    }

    boolean matches(String value) {
        int length = value.length();
        int t = 0;
        int p = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (t < length) {
            char kind = p < pattern.length ? kinds[p] : LITERAL;
            if (p < pattern.length && kind == ANY) {
                p++;
                t += Character.isHighSurrogate(value.charAt(t)) && t + 1 < length
                        && Character.isLowSurrogate(value.charAt(t + 1)) ? 2 : 1;
            } else if (p < pattern.length && kind == LITERAL && pattern[p] == fold(value.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length && kind == STAR) {
                starAt = p++;
                resumeAt = t;
            } else if (starAt >= 0) {
                p = starAt + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pattern.length && kinds[p] == STAR) {
            p++;
        }
        return p == pattern.length;
    }

    private char fold(char c) {
        return caseInsensitive ? Values.fold(c) : c;
    }
}
