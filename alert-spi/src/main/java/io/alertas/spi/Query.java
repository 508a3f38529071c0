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
 * date math); it is then replaced by its text. Neither field is null; an empty body means the request has
 * none.
 */
public record Query(String origin, String body) {

    private static final int MAX_BYTES = 10 << 20;

    /** No body, for requests such as {@code GET /_cluster/health}. */
    public static final Query NONE = new Query("(no body)", "");

    public Query {
        requireNonNull(origin, "origin is null");
        requireNonNull(body, "body is null");
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
            return new Query(path, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read query resource " + path, e);
        }
    }
}
