package io.alertas.runner;

/**
 * Text from documents, plugins and the cluster made safe for one line of a terminal or the log: a line
 * break in an event field would forge a log line, an escape sequence would drive the terminal.
 */
final class Printable {

    private Printable() {
    }

    /** {@code text} with every control character written as an escape: {@code \n}, {@code \r}, {@code \t}, {@code \u001b}. */
    static String line(String text) {
        if (text == null || text.chars().noneMatch(Printable::control)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (control(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** C0 and C1 controls, DEL, and the line and paragraph separators that some terminals break on. */
    private static boolean control(int c) {
        return c < 0x20 || c >= 0x7f && c < 0xa0 || c == 0x2028 || c == 0x2029;
    }
}
