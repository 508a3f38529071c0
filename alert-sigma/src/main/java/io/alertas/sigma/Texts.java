package io.alertas.sigma;

/**
 * Rule text made safe to quote in a message: one line, no control or bidirectional-override character (which would
 * reorder or hide what a terminal shows), and short.
 */
public final class Texts {

    private static final int MAX_QUOTE = 120;

    private Texts() {
    }

    /** Whether {@code c} is a control character other than tab and line ends, or a bidirectional control. */
    public static boolean isHostile(int c) {
        return (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r')
                || c == 0x061C || c == 0x200E || c == 0x200F
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** The first hostile character of {@code text} as {@code U+XXXX}, or null when there is none. */
    public static String firstHostile(String text) {
        return text.codePoints().filter(Texts::isHostile).mapToObj(c -> String.format("U+%04X", c)).findFirst()
                .orElse(null);
    }

    /** {@code text} as one short line: hostile characters and line ends shown as {@code U+XXXX}, cut at 120. */
    public static String oneLine(String text) {
        StringBuilder line = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (isHostile(c) || c == '\n' || c == '\r') {
                line.append(String.format("U+%04X", c));
            } else {
                line.appendCodePoint(c);
            }
        });
        return line.length() > MAX_QUOTE ? line.substring(0, MAX_QUOTE) + "..." : line.toString();
    }

    /** {@code text} quoted for a message. */
    public static String quote(String text) {
        return '"' + oneLine(text) + '"';
    }
}
