package io.alertas.core.internal.templates;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logic-less template (Mustache, by mustache.java) over a notification's fields: {@code alert},
 * {@code severity}, {@code title}, {@code message}, {@code findings} (each {@code key} and {@code text}),
 * {@code findings_count}, {@code suppressed}, {@code window.start}, {@code window.end}, {@code fired_at},
 * {@code link}, {@code cluster} and {@code resolved}. A text template writes values as they are; a JSON
 * template writes them escaped for a JSON string, so {@code "{{message}}"} stays valid JSON whatever the
 * message holds.
 *
 * <p>A template sees those fields and nothing else: what {@link TemplateSource} refuses (partials, which read
 * files, and everything that could hide them) is refused when it is read, names never reach a Java method, and a
 * rendering stops at its {@link RenderBudget}.
 */
public final class Template {

    /** What a template that cannot be read says: where and why. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** What a rendering that went past its {@link RenderBudget} says: which limit. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Template.class);

    private final Mustache mustache;

    private Template(Mustache mustache) {
        this.mustache = mustache;
    }

    /** A template that writes values as plain text, such as a title or a message. */
    public static Template text(String name, String source) throws Invalid {
        return compile(new Factory(false), name, source);
    }

    /** A template of a JSON document, whose values are escaped as JSON string content. */
    public static Template json(String name, String source) throws Invalid {
        return compile(new Factory(true), name, source);
    }

    /** mustache.java's factory with no file to read: a partial that got past {@link TemplateSource} finds nothing. */
    private static final class Factory extends DefaultMustacheFactory {
        private final boolean json;

        Factory(boolean json) {
            this.json = json;
            setObjectHandler(new ClosedObjectHandler());
        }

        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheException("a template cannot include another");
        }

        @Override
        public void encode(String value, Writer writer) {
            write(writer, json ? new String(JsonStringEncoder.getInstance().quoteAsString(value)) : value);
        }
    }

    private static Template compile(Factory factory, String name, String source) throws Invalid {
        TemplateSource.check(source, factory.json);
        try {
            return new Template(factory.compile(new StringReader(source), name));
        } catch (MustacheException e) {
            // mustache.java says "message @[name:line]"; the line is what a user needs
            String message = e.getMessage() == null ? "cannot be read" : e.getMessage().replace("@[" + name + ":", "at line ")
                    .replaceAll("]$", "");
            throw new Invalid("is not a valid template: " + message);
        }
    }

    /**
     * The template filled with {@code notification}'s fields.
     *
     * @throws TooLarge when the rendering goes past its budget
     */
    public String render(Notification notification) {
        Map<String, Object> fields = fields(notification);
        try {
            return RenderBudget.render(out -> mustache.execute(out, fields));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof TooLarge tooLarge) {
                    throw tooLarge;
                }
            }
            throw e;
        }
    }

    /**
     * The template filled with {@code notification}'s fields or, where that fails (past its budget), what
     * {@code fallback} gives, with a warning naming the alert and {@code what} the template is for: the alert is
     * told plainly rather than not at all, and its medium stays up for the other alerts.
     */
    public String renderOr(Notification notification, String what, Supplier<String> fallback) {
        try {
            return render(notification);
        } catch (RuntimeException e) {
            LOG.warn("alert \"{}\": its {} template {}; sent without it", notification.alert(), what,
                    e instanceof TooLarge ? e.getMessage() : "failed (" + e.getClass().getSimpleName() + ")");
            return fallback.get();
        }
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
