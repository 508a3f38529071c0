package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The request body an alert sends to Elasticsearch, as JSON text, with where it came from.
 *
 * <p>The body may hold placeholders as whole JSON string values: {@code "{{window.start}}"},
 * {@code "{{window.end}}"} and {@code "{{params.NAME}}"}. It is parsed and checked when the alerts are
 * loaded, so a malformed body is reported with its {@code origin} before anything runs. A placeholder
 * may also stand inside a longer string, such as {@code "{{window.end}}||-{{params.days}}d"} (Elasticsearch
 * date math); it is then replaced by its text. Neither part is null; an empty body means the request has
 * none.
 */
public final class Query {

    private static final int MAX_BYTES = 10 << 20;

    /** No body, for requests such as {@code GET /_cluster/health}. */
    public static final Query NONE = new Query("(no body)", "");

    private final String origin;
    private final String body;

    private Query(String origin, String body) {
        this.origin = requireNonNull(origin, "origin is null");
        this.body = requireNonNull(body, "body is null");
    }

    /**
     * A query written in code: {@code body} is the request body as JSON, {@code origin} says where it is
     * written, for problems (such as {@code "OrderAlerts.QUERY"}).
     */
    public static Query of(String origin, String body) {
        return new Query(origin, body);
    }

    /** Where the body came from: a resource of a plugin jar, a file, a constant. */
    public String origin() {
        return origin;
    }

    /** The request body as JSON text; empty for a request without one. */
    public String body() {
        return body;
    }

    /**
     * Reads a query shipped in a plugin jar, such as {@code resource(MyModule.class, "/queries/x.json")}.
     *
     * @throws IllegalStateException naming the resource when the jar does not hold it, or it is over 10 MB
     */
    public static Query resource(Class<?> owner, String path) {
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(
                        "query resource " + path + " not found beside " + owner.getName());
            }
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new IllegalStateException("query resource " + path + " beside " + owner.getName()
                        + " is larger than " + (MAX_BYTES >> 20) + " MB");
            }
            return Query.of(path, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read query resource " + path, e);
        }
    }

    @Override
    public String toString() {
        return origin;
    }
}
