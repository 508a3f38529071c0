package io.alertas.core.internal.secrets;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alertas.core.pass.Mask;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every secret of one configuration, and the one mask that hides them in any text about to leave the process.
 * A secret is known in the shapes a receiver, a proxy or a log may give it back: as written, JSON-escaped,
 * HTML-escaped, URL-encoded and decoded, in hex (either case), and in base64 (either alphabet) at any of the three
 * alignments it can have inside a larger encoded text, by the characters that depend on the secret alone (8 or
 * more). A header value such as {@code Bearer TOKEN} is known whole and by its token, a {@code Basic} one also as the user and password it encodes; a URL whole, by its
 * path and query, and by each path segment and query value that reads as a token.
 *
 * <p>A value shorter than {@link #SHORTEST} characters is not masked: hiding "abc" in every text would shred
 * ordinary words and hide nothing a guess would not find. Immutable and thread-safe; one per configuration.
 */
public final class Secrets implements Mask {

    /** What a secret is replaced by. */
    public static final String MASK = "[secret]";
    /** The shortest value the mask hides. */
    public static final int SHORTEST = 4;
    /** The shortest URL path segment, query value or second word of a header value taken for a token. */
    private static final int SHORTEST_TOKEN = 8;

    /** No secret at all: the mask leaves every text as it is. */
    public static final Secrets NONE = new Secrets(List.of());

    /** Every shape of every secret, the longest first, so that a whole URL is masked before its parts. */
    private final List<String> shapes;

    private Secrets(List<String> shapes) {
        this.shapes = shapes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code text} with every shape of every secret replaced by {@link #MASK}; null stays null. */
    @Override
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String shape : shapes) {
            if (masked.contains(shape)) {
                masked = masked.replace(shape, MASK);
            }
        }
        return masked;
    }

    /**
     * A copy of {@code tree} with every string value masked. Its structure, the names of its fields, its numbers
     * and booleans are the writer's own and stay as they are, so that the copy is JSON of the same shape even when
     * a secret is a word such as {@code null} or {@code true}.
     */
    @Override
    public JsonNode mask(JsonNode tree) {
        if (tree.isTextual()) {
            return TextNode.valueOf(mask(tree.textValue()));
        }
        if (tree instanceof ObjectNode object) {
            ObjectNode masked = object.objectNode();
            object.fields().forEachRemaining(field -> masked.set(field.getKey(), mask(field.getValue())));
            return masked;
        }
        if (tree instanceof ArrayNode array) {
            ArrayNode masked = array.arrayNode();
            array.forEach(element -> masked.add(mask(element)));
            return masked;
        }
        return tree;
    }

    /** {@code n} with every text it carries masked: what a medium sends never quotes a secret. */
    public Notification mask(Notification n) {
        if (shapes.isEmpty()) {
            return n;
        }
        return n.toBuilder().title(mask(n.title())).message(mask(n.message())).cluster(mask(n.cluster()))
                .link(mask(n.link())).findings(n.findings().stream().map(f -> Finding.of(mask(f.key()), mask(f.text()))).toList())
                .build();
    }

    /** Gathers the secrets of a configuration as it is read. Not thread-safe. */
    public static final class Builder {
        private final Set<String> shapes = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * A secret: a password, a key, a header value, a value read from the environment. When it is a URL,
         * its path, query and tokens are secrets too; when it is {@code Scheme token} with a token of 8
         * characters or more, the token is.
         */
        public Builder value(String secret) {
            if (secret == null || secret.strip().length() < SHORTEST) {
                return this;
            }
            String value = secret.strip();
            addShapes(value);
            URI url = httpUrl(value);
            if (url != null) {
                url(url);
            }
            int space = value.indexOf(' ');
            if (space > 0 && value.indexOf(' ', space + 1) < 0 && value.length() - space - 1 >= SHORTEST_TOKEN) {
                String scheme = value.substring(0, space);
                String token = value.substring(space + 1);
                value(token);
                if (scheme.equalsIgnoreCase("Basic")) {
                    basic(token);
                }
            }
            return this;
        }

        /**
         * A URL whose path and query hold secrets, as a webhook's does: the URL itself, its user information,
         * its path and query, each path segment and query value that reads as a token (8 characters or more,
         * letters mixed with digits or signs), each in every shape.
         */
        public Builder url(URI url) {
            addShapes(url.toString());
            if (url.getRawUserInfo() != null) {
                value(url.getRawUserInfo());
                value(decoded(url.getRawUserInfo()));
            }
            String path = url.getRawPath();
            if (path != null && path.length() > 1) {
                value(path);
                for (String segment : path.split("/")) {
                    token(segment);
                }
            }
            String query = url.getRawQuery();
            if (query != null) {
                value(query);
                for (String parameter : query.split("&")) {
                    int equals = parameter.indexOf('=');
                    token(equals < 0 ? parameter : parameter.substring(equals + 1));
                }
            }
            return this;
        }

        /** A user and password sent as HTTP basic authentication: the password, and {@code user:password} in every shape. */
        public Builder credentials(String user, String password) {
            value(password);
            if (user != null && password != null && password.strip().length() >= SHORTEST) {
                addShapes(user + ":" + password);
            }
            return this;
        }

        public Secrets build() {
            return new Secrets(shapes.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
        }

        /** The user and password a {@code Basic} header's value encodes, when it is one. */
        private void basic(String encoded) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return;
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
            }
        }

        private void token(String part) {
            if (part.length() >= SHORTEST_TOKEN && part.chars().anyMatch(Character::isLetter)
                    && !part.chars().allMatch(Character::isLetter)) {
                value(part);
                value(decoded(part));
            }
        }

        private void addShapes(String secret) {
            List<String> all = new ArrayList<>();
            all.add(secret);
            all.add(new String(JsonStringEncoder.getInstance().quoteAsString(secret)));
            all.add(secret.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                    .replace("'", "&#39;"));
            String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            all.add(encoded);
            all.add(encoded.replace("+", "%20"));
            all.add(decoded(secret));
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            all.add(Base64.getEncoder().encodeToString(bytes));
            all.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
            all.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            all.add(HexFormat.of().formatHex(bytes));
            all.add(HexFormat.of().withUpperCase().formatHex(bytes));
            all.stream().filter(shape -> shape.length() >= SHORTEST && !shape.equals(MASK)).forEach(shapes::add);
            for (int offset = 0; offset < 3; offset++) {
                String standard = base64Core(bytes, offset);
                if (standard.length() >= SHORTEST_TOKEN) {
                    shapes.add(standard);
                    shapes.add(standard.replace('+', '-').replace('/', '_'));
                }
            }
        }

        /**
         * The characters of {@code bytes} in base64 that depend on them alone when {@code offset} bytes of
         * anything come before and anything after: quoted inside a larger encoded text, the secret shows as
         * this, whatever its neighbours. The first characters share bits with the bytes before, the last with
         * the bytes after or the padding.
         */
        private static String base64Core(byte[] bytes, int offset) {
            byte[] shifted = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int first = (offset * 8 + 5) / 6;
            int last = (shifted.length * 8) / 6;
            return first < last ? encoded.substring(first, last) : "";
        }

        private static String decoded(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return text;
            }
        }

        /** Whether {@code text} is an http(s) URL with a host. */
        static boolean isUrl(String text) {
            return httpUrl(text) != null;
        }

        private static URI httpUrl(String text) {
            try {
                URI url = new URI(text);
                return ("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))
                        && url.getHost() != null ? url : null;
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }
}
