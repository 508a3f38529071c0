package io.alertas.core.internal.media;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;

/**
 * Cuts a text to a provider's limit, counted as the provider counts it (characters or UTF-8 bytes), ending
 * in "…" when cut. The cut falls between two user-perceived characters: never inside a surrogate pair (half
 * an emoji) or between a letter and its combining accent. Every medium cuts through here.
 */
public final class Cut {

    static final String ELLIPSIS = "…";

    private Cut() {
    }

    /** {@code text} in at most {@code max} UTF-16 characters, the ellipsis included. */
    public static String chars(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, lastBoundary(text, max - ELLIPSIS.length(), false)) + ELLIPSIS;
    }

    /** {@code text} in at most {@code max} bytes of UTF-8, the ellipsis (3 bytes) included. */
    public static String bytes(String text, int max) {
        if (utf8(text) <= max) {
            return text;
        }
        return text.substring(0, lastBoundary(text, max - utf8(ELLIPSIS), true)) + ELLIPSIS;
    }

    /** The length of {@code text} in UTF-8, as a provider that limits bytes measures it. */
    public static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The last character boundary of {@code text} at which its head is at most {@code budget} chars or bytes. */
    private static int lastBoundary(String text, int budget, boolean inBytes) {
        BreakIterator characters = BreakIterator.getCharacterInstance();
        characters.setText(text);
        int last = 0;
        int used = 0;
        for (int from = 0, to = characters.next(); to != BreakIterator.DONE; from = to, to = characters.next()) {
            used += inBytes ? utf8(text.substring(from, to)) : to - from;
            if (used > budget) {
                break;
            }
            last = to;
        }
        return last;
    }
}
