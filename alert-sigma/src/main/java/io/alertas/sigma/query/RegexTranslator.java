package io.alertas.sigma.query;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Sigma {@code |re} pattern (PCRE, as SigmaHQ writes it) as a Lucene regular expression, which matches the whole
 * value and knows no anchors, shorthand classes or lookaround: an unanchored pattern is wrapped in {@code .*};
 * {@code \d \w \s} and their negations become classes; groups lose their names; lazy quantifiers their laziness
 * (which cannot change whether a value matches); Lucene's own operators ({@code # @ & < > ~ "}) are escaped where
 * the pattern means the character. What Lucene cannot say (lookaround, backreferences, word boundaries, anchors
 * inside the pattern) is refused by name. Lucene compiles to an automaton, so no pattern backtracks.
 */
final class RegexTranslator {

    /** Elasticsearch's default {@code index.max_regex_length}. */
    static final int MAX_LENGTH = 1000;

    private static final String SPACE = " \t\n\r\f\u000B";
    private static final String LUCENE_SPECIAL = ".?+*|{}[]()\"\\#@&<>~";

    /** A translated pattern, and whether it matches regardless of case ({@code |i} or a leading {@code (?i)}). */
    record Translated(String regexp, boolean caseInsensitive) {
    }

    /**
     * Past these, a repetition of a broad class (any character, a negated class) makes Lucene's automaton grow past
     * what Elasticsearch builds, as measured on SigmaHQ's patterns: {@code .{1,64}} with more pattern after it, or
     * {@code .{1000,}} anywhere.
     */
    private static final int BROAD_UPPER = 32;
    private static final int BROAD_LOWER = 500;

    private final String pattern;
    private final boolean dotAll;
    /** Whether the atom last written matches almost any character, for {@link #repetition}. */
    private boolean broad;
    private final boolean multiLine;
    private int at;

    private RegexTranslator(String pattern, boolean dotAll, boolean multiLine) {
        this.pattern = pattern;
        this.dotAll = dotAll;
        this.multiLine = multiLine;
    }

    static Translated translate(String pattern, boolean ignoreCase, boolean multiLine, boolean dotAll) throws SigmaException {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new SigmaException(Reason.INVALID, "the regular expression " + Texts.quote(pattern)
                    + " does not compile: " + Texts.oneLine(e.getDescription()));
        }
        String body = pattern;
        while (body.length() >= 4 && body.startsWith("(?") && body.indexOf(')') > 2
                && body.substring(2, body.indexOf(')')).matches("[ims]+")) {
            String flags = body.substring(2, body.indexOf(')'));
            ignoreCase |= flags.contains("i");
            multiLine |= flags.contains("m");
            dotAll |= flags.contains("s");
            body = body.substring(body.indexOf(')') + 1);
        }
        String regexp = new RegexTranslator(body, dotAll, multiLine).alternation(body);
        if (regexp.length() > MAX_LENGTH) {
            throw new SigmaException(Reason.UNSUPPORTED_MODIFIER, "the regular expression " + Texts.quote(pattern)
                    + " is " + regexp.length() + " characters in Lucene's syntax, over the " + MAX_LENGTH
                    + " Elasticsearch takes by default (index.max_regex_length)");
        }
        return new Translated(regexp, ignoreCase);
    }

    /**
     * {@code body} without the group around all of it ({@code (^a|b$)} is {@code ^a|b$}), so that its anchors
     * stand where they can be read.
     */
    private static String unwrapped(String body) {
        String inner = body.startsWith("(?:") ? body.substring(3) : body.startsWith("(") && !body.startsWith("(?") ? body.substring(1) : null;
        if (inner == null || inner.isEmpty() || !body.endsWith(")") || escaped(body, body.length() - 1)) {
            return body;
        }
        inner = inner.substring(0, inner.length() - 1);
        RegexTranslator probe = new RegexTranslator(inner, false, false);
        return probe.topLevelBranches() != null ? unwrapped(inner) : body;
    }

    /** {@code body}, alternatives (each perhaps in a group of its own) whose anchors are read where they stand. */
    private String alternation(String body) throws SigmaException {
        String inner = unwrapped(body);
        List<String> branches = new RegexTranslator(inner, dotAll, multiLine).topLevelBranches();
        if (branches.size() == 1) {
            return inner.equals(body) ? branch(inner) : alternation(inner);
        }
        List<String> translated = new ArrayList<>();
        for (String branch : branches) {
            translated.add(alternation(branch));
        }
        return String.join("|", translated);
    }

    /** The pattern's alternatives outside any group; null when its groups do not close in order. */
    private List<String> topLevelBranches() {
        List<String> branches = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return null;
            } else if (c == '|' && depth == 0) {
                branches.add(pattern.substring(start, i));
                start = i + 1;
            }
        }
        branches.add(pattern.substring(start));
        return depth == 0 ? branches : null;
    }

    private String branch(String branch) throws SigmaException {
        boolean starts = branch.startsWith("^") || branch.startsWith("\\A");
        String body = branch.startsWith("^") ? branch.substring(1) : starts ? branch.substring(2) : branch;
        boolean ends = body.endsWith("$") && !escaped(body, body.length() - 1);
        if (ends) {
            body = body.substring(0, body.length() - 1);
        } else if ((body.endsWith("\\z") || body.endsWith("\\Z")) && !escaped(body, body.length() - 2)) {
            ends = true;
            body = body.substring(0, body.length() - 2);
        }
        String lead = !starts ? ".*" : multiLine ? "(.*\n)?" : "";
        String tail = !ends ? ".*" : multiLine ? "(\n.*)?" : "";
        return lead + new RegexTranslator(body, dotAll, multiLine).body() + tail;
    }

    private static boolean escaped(String text, int index) {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private String body() throws SigmaException {
        StringBuilder out = new StringBuilder();
        while (at < pattern.length()) {
            char c = pattern.charAt(at++);
            boolean wasBroad = broad;
            broad = c == '.' || (c == '[' && pattern.startsWith("^", at))
                    || (c == '\\' && at < pattern.length() && "DWS".indexOf(pattern.charAt(at)) >= 0);
            if (c == '{') {
                broad = wasBroad;
            }
            switch (c) {
                case '\\' -> out.append(escape(false));
                case '[' -> out.append(characterClass());
                case '(' -> out.append(group()).append(emptyAlternative());
                case '|' -> out.append(c).append(emptyAlternative());
                case ')' -> out.append(c);
                case '.' -> out.append(dotAll ? "." : "[^\n]");
                case '*', '+', '?' -> out.append(c).append(quantifierSuffix());
                case '{' -> out.append(repetition());
                case '^', '$' -> throw unsupported("the anchor '" + c + "' inside the pattern (Lucene matches whole values)");
                default -> out.append(literal(c));
            }
        }
        return out.toString();
    }

    /** Lucene has no empty alternative ({@code (a|)}), but takes {@code ()} for the empty text. */
    private String emptyAlternative() {
        return at >= pattern.length() || pattern.charAt(at) == '|' || pattern.charAt(at) == ')' ? "()" : "";
    }

    private String quantifierSuffix() throws SigmaException {
        if (at < pattern.length() && pattern.charAt(at) == '?') {
            at++;
        } else if (at < pattern.length() && pattern.charAt(at) == '+') {
            throw unsupported("the possessive quantifier");
        }
        return "";
    }

    private String repetition() throws SigmaException {
        int close = pattern.indexOf('}', at);
        String inside = close < 0 ? "" : pattern.substring(at, close);
        if (!inside.matches("[0-9]{1,4}(,[0-9]{0,4})?")) {
            return literal('{');
        }
        at = close + 1;
        String[] bounds = inside.split(",", -1);
        int lower = Integer.parseInt(bounds[0]);
        int upper = bounds.length == 1 ? lower : bounds[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(bounds[1]);
        if (broad && (lower >= BROAD_LOWER || (upper >= BROAD_UPPER && upper != Integer.MAX_VALUE && at < pattern.length()))) {
            throw unsupported("the repetition {" + inside + "} of a broad class makes an "
                    + "automaton larger than Elasticsearch builds (10,000 states)");
        }
        return "{" + inside + "}" + quantifierSuffix();
    }

    private String group() throws SigmaException {
        if (!pattern.startsWith("?", at)) {
            return "(";
        }
        String rest = pattern.substring(at);
        if (rest.startsWith("?:")) {
            at += 2;
            return "(";
        }
        if (rest.startsWith("?=") || rest.startsWith("?!")) {
            throw unsupported("the lookahead '(" + rest.substring(0, 2) + "'");
        }
        if (rest.startsWith("?<=") || rest.startsWith("?<!")) {
            throw unsupported("the lookbehind '(" + rest.substring(0, 3) + "'");
        }
        if (rest.startsWith("?>")) {
            throw unsupported("the atomic group '(?>'");
        }
        java.util.regex.Matcher named = Pattern.compile("^\\?P?<[A-Za-z][A-Za-z0-9]*>").matcher(rest);
        if (named.find()) {
            at += named.end();
            return "(";
        }
        throw unsupported("the inline flags or group " + Texts.quote("(" + rest.substring(0, Math.min(rest.length(), 4))));
    }

    private String characterClass() throws SigmaException {
        StringBuilder out = new StringBuilder("[");
        if (pattern.startsWith("^", at)) {
            out.append('^');
            at++;
        }
        boolean first = true;
        while (at < pattern.length()) {
            char c = pattern.charAt(at++);
            if (c == ']' && !first) {
                return out.append(']').toString();
            }
            first = false;
            if (c == '\\') {
                out.append(escape(true));
            } else if (c == '[') {
                throw unsupported("a class inside a class (POSIX classes, intersections)");
            } else if (c == '-') {
                out.append('-');
            } else {
                out.append(literal(c));
            }
        }
        throw new SigmaException(Reason.INVALID, "the regular expression " + Texts.quote(pattern) + " leaves a class open");
    }

    private String escape(boolean inClass) throws SigmaException {
        if (at >= pattern.length()) {
            return literal('\\');
        }
        char c = pattern.charAt(at++);
        String members = switch (c) {
            case 'd', 'D' -> "0-9";
            case 'w', 'W' -> "a-zA-Z0-9_";
            case 's', 'S' -> SPACE;
            default -> null;
        };
        if (members != null) {
            boolean negated = Character.isUpperCase(c);
            if (inClass && negated) {
                throw unsupported("the negated class '\\" + c + "' inside a class");
            }
            return inClass ? members : (negated ? "[^" : "[") + members + "]";
        }
        return switch (c) {
            case 't' -> "\t";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 'f' -> "\f";
            case 'v' -> "\u000B";
            case 'e' -> "\u001B";
            case '0' -> literal('\0');
            case 'x' -> literal(hex());
            case 'b', 'B' -> throw unsupported("the word boundary '\\" + c + "'");
            case 'A', 'z', 'Z', 'G' -> throw unsupported("the anchor '\\" + c + "' inside the pattern");
            case 'p', 'P' -> throw unsupported("the Unicode class '\\" + c + "'");
            case 'Q' -> quoted();
            case 'k' -> throw unsupported("the backreference '\\k'");
            default -> {
                if (c >= '1' && c <= '9') {
                    throw unsupported("the backreference '\\" + c + "'");
                }
                if (Character.isLetterOrDigit(c)) {
                    throw unsupported("the escape '\\" + c + "'");
                }
                yield literal(c);
            }
        };
    }

    private char hex() throws SigmaException {
        String digits;
        if (pattern.startsWith("{", at)) {
            int close = pattern.indexOf('}', at);
            digits = pattern.substring(at + 1, close);
            at = close + 1;
        } else {
            digits = pattern.substring(at, Math.min(at + 2, pattern.length()));
            at += digits.length();
        }
        int code = Integer.parseInt(digits, 16);
        if (code > 0xFFFF) {
            throw unsupported("the escape '\\x{" + digits + "}' beyond the basic plane");
        }
        return (char) code;
    }

    private String quoted() {
        int end = pattern.indexOf("\\E", at);
        String text = end < 0 ? pattern.substring(at) : pattern.substring(at, end);
        at = end < 0 ? pattern.length() : end + 2;
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(literal((char) c)));
        return out.toString();
    }

    private static String literal(char c) {
        return LUCENE_SPECIAL.indexOf(c) >= 0 || c == '-' || c == '^' || c == '$' ? "\\" + c : String.valueOf(c);
    }

    private SigmaException unsupported(String feature) {
        return new SigmaException(Reason.UNSUPPORTED_MODIFIER, "re: " + feature + " in " + Texts.quote(pattern)
                + " has no Lucene equivalent");
    }
}
