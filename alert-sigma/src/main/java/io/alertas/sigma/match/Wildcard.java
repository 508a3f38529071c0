package io.alertas.sigma.match;

/**
 * A wildcard query's pattern as Lucene reads it ({@code *} any text, {@code ?} one character, {@code \} makes the
 * next character literal), matched against a whole value in time proportional to the value's length times the
 * pattern's, without a regular expression: the star last seen is the only point to go back to.
 */
final class Wildcard {

    private static final int STAR = -1;
    private static final int ANY = -2;

    private final int[] pattern;
    private final boolean caseInsensitive;

    Wildcard(String pattern, boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
        String text = caseInsensitive ? Values.fold(pattern) : pattern;
        int[] points = new int[text.codePointCount(0, text.length())];
        int size = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\\' && i < text.length()) {
                c = text.codePointAt(i);
                i += Character.charCount(c);
                points[size++] = c;
            } else {
                points[size++] = c == '*' ? STAR : c == '?' ? ANY : c;
            }
        }
        this.pattern = java.util.Arrays.copyOf(points, size);
    }

    boolean matches(String value) {
        int[] text = (caseInsensitive ? Values.fold(value) : value).codePoints().toArray();
        int t = 0;
        int p = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (t < text.length) {
            if (p < pattern.length && (pattern[p] == ANY || pattern[p] == text[t])) {
                p++;
                t++;
            } else if (p < pattern.length && pattern[p] == STAR) {
                starAt = p++;
                resumeAt = t;
            } else if (starAt >= 0) {
                p = starAt + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == STAR) {
            p++;
        }
        return p == pattern.length;
    }
}
