package io.alertas.core.internal.templates;

/**
 * What a template may say, checked before mustache.java reads it: names, sections ({@code {{#x}}},
 * {@code {{^x}}}, {@code {{/x}}}) at most {@link #MAX_DEPTH} deep, and comments. Everything that would let a
 * template reach past the notification is refused at its line: partials ({@code {{> file}}} reads a file, such
 * as {@code /proc/self/environ} or {@code credentials.json}), template inheritance ({@code {{< x}}},
 * {@code {{$ x}}}), pragmas, and new delimiters (which would hide the others from this check). A JSON template
 * also refuses the unescaped forms ({@code {{{x}}}}, {@code {{& x}}}), which would write a value into the
 * document raw.
 */
final class TemplateSource {

    /** Sections inside sections; a list section inside itself multiplies its work by the list's length. */
    static final int MAX_DEPTH = 4;

    private TemplateSource() {
    }

    static void check(String source, boolean json) throws Template.Invalid {
        int depth = 0;
        int from = 0;
        while (true) {
            int open = source.indexOf("{{", from);
            if (open < 0) {
                return;
            }
            boolean triple = source.startsWith("{{{", open);
            int close = source.indexOf(triple ? "}}}" : "}}", open + (triple ? 3 : 2));
            if (close < 0) {
                throw invalid(source, open, "a tag is not closed with }}");
            }
            String tag = source.substring(open + (triple ? 3 : 2), close).trim();
            char kind = triple ? '{' : tag.isEmpty() ? ' ' : tag.charAt(0);
            switch (kind) {
                case '#', '^' -> {
                    if (++depth > MAX_DEPTH) {
                        throw invalid(source, open, "has sections more than " + MAX_DEPTH + " deep");
                    }
                }
                case '/' -> depth = Math.max(0, depth - 1);
                case '!' -> {
                }
                case '{', '&' -> {
                    if (json) {
                        throw invalid(source, open, "writes a value unescaped into JSON; write {{name}}, which is"
                                + " escaped for a JSON string");
                    }
                }
                case '>', '<', '$', '=', '%', '+', '?' -> throw invalid(source, open, "uses {{" + kind
                        + "}}, which a template may not: only {{name}}, {{#list}}...{{/list}}, {{^flag}}...{{/flag}}"
                        + " and {{! comment}}; a template cannot include files or other templates");
                default -> {
                    if (!tag.matches("[A-Za-z0-9_.]+")) {
                        throw invalid(source, open, "has a tag that is not a field name");
                    }
                }
            }
            from = close + (triple ? 3 : 2);
        }
    }

    private static Template.Invalid invalid(String source, int offset, String why) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return new Template.Invalid("is not a valid template: " + why + " at line " + line);
    }
}
