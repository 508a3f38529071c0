package io.alertas.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one cutting function of every medium: to a count of characters or of UTF-8 bytes, whole characters only. */
class CutTest {

    private static final String FIRE = "\uD83D\uDD25";

    @Test
    void aTextWithinTheLimitIsKeptAsItIs() {
        assertEquals("short", Cut.chars("short", 5));
        assertEquals("Жж", Cut.bytes("Жж", 4));
    }

    @Test
    void charactersAreCountedInUtf16AndTheCutNeverSplitsAnEmoji() {
        assertEquals("abcd…", Cut.chars("abcdefgh", 5));
        assertEquals("ab…", Cut.chars("ab" + FIRE + "cd", 4));
        assertEquals("ab" + FIRE + "…", Cut.chars("ab" + FIRE + "cd", 5));
    }

    @Test
    void bytesAreCountedInUtf8AsAProviderCountsThem() {
        assertEquals("ЖЖ…", Cut.bytes("ЖЖЖЖ", 7));
        assertEquals("Ж…", Cut.bytes("ЖЖЖЖ", 6));
        assertEquals("a…", Cut.bytes("a" + FIRE + FIRE, 7));
        assertEquals("a" + FIRE + "…", Cut.bytes("a" + FIRE + FIRE, 8));
    }

    @Test
    void aLetterKeepsItsCombiningAccent() {
        String accented = "e\u0301";
        assertEquals("a…", Cut.chars("a" + accented + "bc", 3));
        assertEquals("a" + accented + "…", Cut.chars("a" + accented + "bc", 4));
    }
}
