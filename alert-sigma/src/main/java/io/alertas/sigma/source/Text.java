package io.alertas.sigma.source;

/**
 * Text from a rule file or an event made safe to show on one line: control characters become spaces, and the
 * characters that reorder text (bidi controls, which can make a line read otherwise than it is) are shown by
 * their code, as {@code <U+202E>}; what is longer than a line is cut.
 */
final class Text {

    private static final int MAX = 1000;

    private Text() {
    }

    static String line(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX).forEach(c -> {
            if (Character.getType(c) == Character.CONTROL) {
                out.append(' ');
            } else if (bidi(c)) {
                out.append(String.format("<U+%04X>", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (text.codePointCount(0, text.length()) > MAX) {
            out.append("...");
        }
        return out.toString().strip();
    }

    private static boolean bidi(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }
}
