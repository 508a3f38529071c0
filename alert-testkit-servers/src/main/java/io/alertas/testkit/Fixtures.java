package io.alertas.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test documents from NDJSON resources, one document per line, with times relative to the test's clock:
 * a string value {@code "{{now}}"}, {@code "{{now-90s}}"}, {@code "{{now-5m}}"}, {@code "{{now+14d}}"}
 * becomes that ISO-8601 instant. Lines that are blank or start with {@code //} are skipped.
 */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RELATIVE = Pattern.compile("\\{\\{now(?:([+-])(\\d+)(ms|s|m|h|d))?}}");

    private Fixtures() {
    }

    /** The documents of the resource {@code path} (read with {@code owner}'s class loader) as of {@code now}. */
    public static List<ObjectNode> load(Class<?> owner, String path, Instant now) {
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("fixture " + path + " not found beside " + owner.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), now, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of NDJSON {@code text} as of {@code now}; {@code name} is used in errors. */
    public static List<ObjectNode> parse(String text, Instant now, String name) {
        List<ObjectNode> documents = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isBlank() || line.strip().startsWith("//")) {
                continue;
            }
            try {
                JsonNode document = JSON.readTree(line);
                if (!document.isObject()) {
                    throw new IllegalArgumentException(name + ":" + number + ": a fixture line must be a JSON object");
                }
                documents.add((ObjectNode) resolve(document, now));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(name + ":" + number + ": " + e.getOriginalMessage(), e);
            }
        }
        return documents;
    }

    private static JsonNode resolve(JsonNode node, Instant now) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), resolve(e.getValue(), now)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(resolve(element, now)));
            return copy;
        }
        if (node.isTextual()) {
            Matcher m = RELATIVE.matcher(node.asText());
            if (m.matches()) {
                return TextNode.valueOf(relative(now, m).toString());
            }
        }
        return node;
    }

    private static Instant relative(Instant now, Matcher m) {
        if (m.group(1) == null) {
            return now;
        }
        long n = Long.parseLong(m.group(2));
        Duration offset = switch (m.group(3)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return m.group(1).equals("+") ? now.plus(offset) : now.minus(offset);
    }

    /** Reads a JSON resource, such as an index mapping. */
    public static JsonNode json(Class<?> owner, String path) {
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("resource " + path + " not found beside " + owner.getName());
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
