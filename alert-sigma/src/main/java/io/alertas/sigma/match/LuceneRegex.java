package io.alertas.sigma.match;

import io.alertas.sigma.Texts;
import java.util.regex.Pattern;

/**
 * A regexp query's pattern, in Lucene's syntax with Elasticsearch's default flags, as a {@link Pattern} that
 * matches the same whole values: {@code \} makes any character literal ({@code \d \s \w} and their negations are
 * classes, as in Lucene 9); {@code .} and negated classes match any character, line ends too; {@code ()} is the
 * empty text, {@code "..."} literal text, {@code @} any text and {@code #} nothing. Case folding, where asked, is
 * ASCII only and applies to single characters, not to the ranges of a class, as Lucene's
 * {@code ASCII_CASE_INSENSITIVE} does. Intersection ({@code &}), complement ({@code ~}) and numeric intervals
 * ({@code <1-9>}) have no Java equivalent and are refused, and so is an unbounded repetition of what itself repeats
 * ({@code (a+)*}, {@code (a{1,3}){2,}}), on which Java's backtracking can take exponential time where Lucene's
 * automaton does not; the caller then leaves that query to the cluster. A bounded one ({@code ([0-9]+,){2}}) is
 * polynomial, and the step budget of {@link BudgetedText} bounds it.
 */
final class LuceneRegex {

    private static final String SPACE = " \t\n\r\f\u000B";

    private final String source;
    private final boolean caseInsensitive;
    private int at;

    /** A translated piece: its Java text and whether it holds a repetition. */
    private record Piece(String java, boolean repeats) {
    }

    private LuceneRegex(String source, boolean caseInsensitive) {
        this.source = source;
        this.caseInsensitive = caseInsensitive;
    }

    /**
     * {@code lucene} as a Java pattern.
     *
     * @throws IllegalArgumentException naming what is refused and why
     */
    static Pattern compile(String lucene, boolean caseInsensitive) {
        LuceneRegex parser = new LuceneRegex(lucene, caseInsensitive);
        Piece piece = parser.union();
        if (parser.at < lucene.length()) {
            throw parser.refused("an unbalanced ')'");
        }
        return Pattern.compile(piece.java(), Pattern.DOTALL);
    }

    private Piece union() {
        Piece first = concat();
        if (!more() || peek() != '|') {
            return first;
        }
        StringBuilder java = new StringBuilder(first.java());
        boolean repeats = first.repeats();
        while (more() && peek() == '|') {
            at++;
            Piece next = concat();
            java.append('|').append(next.java());
            repeats |= next.repeats();
        }
        return new Piece(java.toString(), repeats);
    }

    private Piece concat() {
        StringBuilder java = new StringBuilder();
        boolean repeats = false;
        while (more() && peek() != ')' && peek() != '|') {
            if (peek() == '&') {
                throw refused("the intersection '&'");
            }
            Piece next = repeat();
            java.append(next.java());
            repeats |= next.repeats();
        }
        return new Piece(java.toString(), repeats);
    }

    private Piece repeat() {
        Piece piece = simple();
        while (more() && "?*+{".indexOf(peek()) >= 0) {
            char c = source.charAt(at++);
            String quantifier = c == '{' ? interval() : String.valueOf(c);
            boolean optionalOnly = quantifier.equals("?") || quantifier.matches("\\{[01](,[01])?}");
            if (piece.repeats() && !quantifier.matches("\\?|\\{[0-9](,[0-9])?}")) {
                throw refused("a repetition of a repetition, unbounded or more than 9 times (exponential backtracking in Java)");
            }
            piece = new Piece("(?:" + piece.java() + ")" + quantifier, piece.repeats() || !optionalOnly);
        }
        return piece;
    }

    private String interval() {
        int close = source.indexOf('}', at);
        String inside = close < 0 ? "" : source.substring(at, close);
        if (!inside.matches("[0-9]{1,9}(,[0-9]{0,9})?")) {
            throw refused("the repetition '{" + inside + "'");
        }
        at = close + 1;
        return "{" + inside + "}";
    }

    private Piece simple() {
        int c = next();
        return switch (c) {
            case '.' -> new Piece(".", false);
            case '#' -> new Piece("(?!)", false);
            case '@' -> new Piece("(?:.*)", true);
            case '~' -> throw refused("the complement '~'");
            case '<' -> throw refused("the numeric interval '<'");
            case '[' -> new Piece(characterClass(), false);
            case '"' -> quoted();
            case '(' -> group();
            case '\\' -> new Piece(escape(), false);
            default -> new Piece(single(c, false), false);
        };
    }

    private Piece quoted() {
        int close = source.indexOf('"', at);
        if (close < 0) {
            throw refused("an unclosed '\"'");
        }
        StringBuilder java = new StringBuilder("(?:");
        source.substring(at, close).codePoints().forEach(c -> java.append(single(c, false)));
        at = close + 1;
        return new Piece(java.append(')').toString(), false);
    }

    private Piece group() {
        if (more() && peek() == ')') {
            at++;
            return new Piece("(?:)", false);
        }
        Piece inner = union();
        if (!more() || peek() != ')') {
            throw refused("an unclosed '('");
        }
        at++;
        return new Piece("(?:" + inner.java() + ")", inner.repeats());
    }

    private String characterClass() {
        StringBuilder java = new StringBuilder("[");
        if (more() && peek() == '^') {
            at++;
            java.append('^');
        }
        do {
            if (!more()) {
                throw refused("an unclosed '['");
            }
            String predefined = predefined();
            if (predefined != null) {
                java.append(predefined);
                continue;
            }
            int from = classChar();
            if (more() && peek() == '-') {
                at++;
                if (!more()) {
                    throw refused("an unclosed '['");
                }
                int to = classChar();
                if (to < from) {
                    throw refused("the range '" + Character.toString(from) + "-" + Character.toString(to) + "'");
                }
                java.append(hex(from)).append('-').append(hex(to));
            } else {
                java.append(single(from, true));
            }
        } while (more() && peek() != ']');
        if (!more()) {
            throw refused("an unclosed '['");
        }
        at++;
        return java.append(']').toString();
    }

    /** {@code \d \D \s \S \w \W} at this point, as class members (the negated ones as a nested class), or null. */
    private String predefined() {
        if (peek() != '\\' || at + 1 >= source.length() || "dDsSwW".indexOf(source.charAt(at + 1)) < 0) {
            return null;
        }
        at += 2;
        return shorthand(source.charAt(at - 1));
    }

    private static String shorthand(char c) {
        String members = switch (Character.toLowerCase(c)) {
            case 'd' -> "0-9";
            case 's' -> "\\x{20}\\t\\n\\r\\f\\x{0B}";
            default -> "a-zA-Z0-9_";
        };
        return Character.isUpperCase(c) ? "[^" + members + "]" : "[" + members + "]";
    }

    private int classChar() {
        int c = next();
        return c == '\\' && more() ? next() : c;
    }

    private int next() {
        int c = source.codePointAt(at);
        at += Character.charCount(c);
        return c;
    }

    private String escape() {
        if (!more()) {
            return single('\\', false);
        }
        int c = next();
        return "dDsSwW".indexOf(c) >= 0 ? shorthand((char) c) : single(c, false);
    }

    /** One literal character; a letter also in its other ASCII case when folding. */
    private String single(int c, boolean inClass) {
        int other = caseInsensitive && c < 128 && Character.isLetter(c)
                ? (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)) : c;
        if (other == c) {
            return hex(c);
        }
        return inClass ? hex(c) + hex(other) : "[" + hex(c) + hex(other) + "]";
    }

    private static String hex(int c) {
        return Character.isLetterOrDigit(c) && c < 128 ? Character.toString(c) : "\\x{" + Integer.toHexString(c) + "}";
    }

    private boolean more() {
        return at < source.length();
    }

    private char peek() {
        return source.charAt(at);
    }

    private IllegalArgumentException refused(String what) {
        return new IllegalArgumentException("regexp " + Texts.quote(source) + ": " + what
                + " at " + at + " is not matched in Java");
    }
}
