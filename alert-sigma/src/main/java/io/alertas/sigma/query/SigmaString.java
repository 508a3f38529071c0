package io.alertas.sigma.query;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.Texts;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A Sigma value with its wildcards told apart from its text: {@code *} any characters and {@code ?} one, unless
 * escaped by a backslash ({@code \*}, {@code \?}, {@code \\}); a backslash before anything else is itself, as in
 * {@code C:\Windows}.
 */
final class SigmaString {

    /** The dash-like characters {@code |windash} tries in place of a leading {@code -} or {@code /}. */
    private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};

    /** Five spellings of three dashes make 125 queries; more would be a query no cluster should run. */
    private static final int MAX_DASHES = 3;

    private final String chars;
    /** Which of {@code chars} are wildcards (then {@code *} or {@code ?}), not text. */
    private final BitSet wild;

    private SigmaString(String chars, BitSet wild) {
        this.chars = chars;
        this.wild = wild;
    }

    static SigmaString parse(String raw) {
        StringBuilder chars = new StringBuilder();
        BitSet wild = new BitSet();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && "*?\\".indexOf(raw.charAt(i + 1)) >= 0) {
                chars.append(raw.charAt(++i));
            } else {
                if (c == '*' || c == '?') {
                    wild.set(chars.length());
                }
                chars.append(c);
            }
        }
        return new SigmaString(chars.toString(), wild);
    }

    /** {@code text} taken as it is, with no wildcard. */
    static SigmaString literal(String text) {
        return new SigmaString(text, new BitSet());
    }

    boolean hasWildcards() {
        return !wild.isEmpty();
    }

    /** The text, when there is no wildcard. */
    String text() {
        return chars;
    }

    boolean hasLetters() {
        return chars.codePoints().anyMatch(Character::isLetter);
    }

    SigmaString withStar(boolean before, boolean after) {
        BitSet moved = new BitSet();
        int shift = before ? 1 : 0;
        wild.stream().forEach(i -> moved.set(i + shift));
        StringBuilder text = new StringBuilder(chars);
        if (before) {
            text.insert(0, '*');
            moved.set(0);
        }
        if (after) {
            moved.set(text.length());
            text.append('*');
        }
        return new SigmaString(text.toString(), moved);
    }

    /** Whether the only wildcard is one {@code *} at the end: a prefix. */
    boolean isPrefix() {
        return wild.cardinality() == 1 && wild.get(chars.length() - 1) && chars.endsWith("*");
    }

    /** The text before the final {@code *} of a prefix. */
    String prefix() {
        return chars.substring(0, chars.length() - 1);
    }

    /** In Elasticsearch's wildcard syntax, its own {@code * ? \} escaped where they are text. */
    String wildcard() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (!wild.get(i) && (c == '*' || c == '?' || c == '\\')) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Every spelling {@code |windash} means: each {@code -} or {@code /} that starts a word (after a non-word
     * character or at the start, before a word character) in turn as each dash-like character.
     */
    List<SigmaString> windash() throws SigmaException {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            boolean starts = i == 0 || wild.get(i - 1) || !isWordChar(chars.charAt(i - 1));
            boolean before = i + 1 < chars.length() && !wild.get(i + 1) && isWordChar(chars.charAt(i + 1));
            if (!wild.get(i) && (c == '-' || c == '/') && starts && before) {
                positions.add(i);
            }
        }
        if (positions.size() > MAX_DASHES) {
            throw new SigmaException(SigmaException.Reason.UNSUPPORTED_MODIFIER, "windash on a value with more than "
                    + MAX_DASHES + " dashes starting a word (this one has " + positions.size() + "), "
                    + Texts.quote(chars) + ", would spell it in too many ways");
        }
        List<SigmaString> spellings = new ArrayList<>(List.of(this));
        for (int position : positions) {
            List<SigmaString> next = new ArrayList<>();
            for (SigmaString spelling : spellings) {
                for (char dash : DASHES) {
                    StringBuilder text = new StringBuilder(spelling.chars);
                    text.setCharAt(position, dash);
                    next.add(new SigmaString(text.toString(), spelling.wild));
                }
            }
            spellings = next;
        }
        return spellings;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
