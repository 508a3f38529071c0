package io.alertas.core.internal.media;

import io.alertas.spi.SettingException;

/**
 * What an HTTP header can carry: visible ASCII, spaces and tabs. A value is checked when the configuration is
 * read, so that a character copied in by accident (a zero-width space, a line break, a letter outside ASCII)
 * is one placed problem, not a failure of every delivery. The value is a secret, so the problem names the
 * character and where it is in the value, never the value.
 */
public final class HeaderValues {

    private HeaderValues() {
    }

    /** @throws SettingException naming {@code field} and the first character a header cannot carry */
    public static void check(String field, String value) throws SettingException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                throw new SettingException(field, "holds a character an HTTP header cannot carry, "
                        + String.format("U+%04X", (int) c) + " (" + kind(c) + ") at character " + (i + 1)
                        + " of the value; type the value again without it");
            }
        }
    }

    private static String kind(char c) {
        return switch (Character.getType(c)) {
            case Character.FORMAT -> "an invisible format character";
            case Character.CONTROL -> "a control character";
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a space or line break outside ASCII";
            case Character.SURROGATE -> "part of an emoji or another character outside the basic plane";
            default -> "a character outside ASCII";
        };
    }
}
