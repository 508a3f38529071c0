package io.alertas.runner;

/**
 * Text from documents, plugins and the cluster made safe for one line of a terminal or the log: a line
 * break in an event field would forge a log line, an escape sequence would drive the terminal, a bidi
 * override would show the line in another order than it is written.
 */
final class Printable {

    private Printable() {
    }

    /**
     * {@code text} with every control and bidi formatting character written as an escape: {@code \n}, {@code \r},
     * {@code \t}, {@code \u001b}, {@code \u202e}.
     */
    static String line(String text) {
        if (text == null || text.chars().noneMatch(Printable::escaped)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (escaped(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }

    /**
     * C0 and C1 controls, DEL, the line and paragraph separators that some terminals break on, and the bidi
     * marks, embeddings, overrides and isolates (U+061C, U+200E-200F, U+202A-202E, U+2066-2069).
     */
    private static boolean escaped(int c) {
        return c < 0x20 || c >= 0x7f && c < 0xa0 || c == 0x2028 || c == 0x2029
                || c == 0x061c || c == 0x200e || c == 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
    }
}
