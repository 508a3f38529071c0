package io.alertas.core.internal.templates;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A logic-less template (Mustache, by mustache.java) over a notification's fields: {@code alert},
 * {@code severity}, {@code title}, {@code message}, {@code findings} (each {@code key} and {@code text}),
 * {@code findings_count}, {@code suppressed}, {@code window.start}, {@code window.end}, {@code fired_at},
 * {@code link}, {@code cluster} and {@code resolved}. A text template writes values as they are; a JSON
 * template writes them escaped for a JSON string, so {@code "{{message}}"} stays valid JSON whatever the
 * message holds.
 */
public final class Template {

    /** What a template that cannot be read says: where and why. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private final Mustache mustache;

    private Template(Mustache mustache) {
        this.mustache = mustache;
    }

    /** A template that writes values as plain text, such as a title or a message. */
    public static Template text(String name, String source) throws Invalid {
        return compile(new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                write(writer, value);
            }
        }, name, source);
    }

    /** A template of a JSON document, whose values are escaped as JSON string content. */
    public static Template json(String name, String source) throws Invalid {
        return compile(new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                write(writer, new String(JsonStringEncoder.getInstance().quoteAsString(value)));
            }
        }, name, source);
    }

    private static Template compile(DefaultMustacheFactory factory, String name, String source) throws Invalid {
        try {
            return new Template(factory.compile(new StringReader(source), name));
        } catch (MustacheException e) {
            // mustache.java says "message @[name:line]"; the line is what a user needs
            String message = e.getMessage() == null ? "cannot be read" : e.getMessage().replace("@[" + name + ":", "at line ")
                    .replaceAll("]$", "");
            throw new Invalid("is not a valid template: " + message);
        }
    }

    /** The template filled with {@code notification}'s fields. */
    public String render(Notification notification) {
        StringWriter out = new StringWriter();
        mustache.execute(out, fields(notification));
        return out.toString();
    }

    private static Map<String, Object> fields(Notification n) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("alert", n.alert());
        fields.put("severity", n.severity().label());
        fields.put("title", n.title());
        fields.put("message", n.message());
        List<Map<String, String>> findings = new ArrayList<>();
        for (Finding f : n.findings()) {
            findings.add(Map.of("key", f.key(), "text", f.text()));
        }
        fields.put("findings", findings);
        fields.put("findings_count", n.findings().size());
        fields.put("suppressed", n.suppressed());
        fields.put("window", Map.of("start", n.window().start().toString(), "end", n.window().end().toString()));
        fields.put("fired_at", n.firedAt().toString());
        fields.put("link", n.link());
        fields.put("cluster", n.cluster());
        fields.put("resolved", n.resolved());
        return fields;
    }

    private static void write(Writer writer, String text) {
        try {
            writer.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
