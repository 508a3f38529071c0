package io.alertas.core.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Rule;
import io.alertas.spi.Window;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A query body with placeholders: {@code "{{window.start}}"}, {@code "{{window.end}}"} and
 * {@code "{{params.NAME}}"}. A placeholder that is a whole JSON string value is replaced by its JSON value
 * (a param may be a list or an object); one inside a longer string by its text. A body without placeholders
 * is sent as written; a template may have no body at all. A rule's query has no template: the rule writes it
 * for each pass. Immutable.
 */
public final class QueryTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String origin;
    private final JsonNode body;
    private final Rule rule;

    public QueryTemplate(String origin, JsonNode body) {
        this(origin, body, null);
    }

    private QueryTemplate(String origin, JsonNode body, Rule rule) {
        this.origin = requireNonNull(origin, "origin is null");
        this.body = body == null ? null : body.deepCopy();
        this.rule = rule;
    }

    /** The query of a rule, which writes it for each pass from the window, the params and its memory. */
    public static QueryTemplate of(String origin, Rule rule) {
        return new QueryTemplate(origin, null, requireNonNull(rule, "rule is null"));
    }

    /** A template for a request without a body. */
    public static QueryTemplate none(String origin) {
        return new QueryTemplate(origin, null);
    }

    /** Where the query came from: a file of the config dir or a resource of a plugin jar. */
    public String origin() {
        return origin;
    }

    /** A placeholder the alert cannot fill: where it is in the body (a JSON pointer) and why. */
    public record Misuse(String pointer, String message) {
    }

    /** The placeholders that name no window bound and no param among {@code params}, with where they are. */
    public List<Misuse> check(JsonNode params) {
        List<Misuse> misuses = new ArrayList<>();
        if (body != null) {
            check(body, new ArrayList<>(), params, misuses);
        }
        return misuses;
    }

    /** {@code keys} lead from the body to {@code node}; they are made a JSON pointer only for a misuse. */
    private static void check(JsonNode node, List<String> keys, JsonNode params, List<Misuse> misuses) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> within(f.getValue(), f.getKey(), keys, params, misuses));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                within(node.get(i), String.valueOf(i), keys, params, misuses);
            }
        } else if (node.isTextual()) {
            for (String name : Placeholders.names(node.asText())) {
                misuse(name, params).ifPresent(message -> misuses.add(new Misuse(pointer(keys), message)));
            }
        }
    }

    private static void within(JsonNode child, String key, List<String> keys, JsonNode params, List<Misuse> misuses) {
        keys.add(key);
        check(child, keys, params, misuses);
        keys.remove(keys.size() - 1);
    }

    private static String pointer(List<String> keys) {
        StringBuilder pointer = new StringBuilder();
        keys.forEach(key -> pointer.append('/').append(key.replace("~", "~0").replace("/", "~1")));
        return pointer.toString();
    }

    /** What is wrong with the placeholder {@code name}, given the alert's params; empty when nothing. */
    public static Optional<String> misuse(String name, JsonNode params) {
        if (name.startsWith("params.")) {
            String param = name.substring("params.".length());
            return params.has(param) ? Optional.empty() : Optional.of("uses param \"" + param
                    + "\", which the alert does not declare; declared: " + fieldNames(params));
        }
        if (name.equals("window.start") || name.equals("window.end")) {
            return Optional.empty();
        }
        return Optional.of("has the unknown placeholder \"{{" + name
                + "}}\"; use {{window.start}}, {{window.end}} or {{params.NAME}}");
    }

    /** The body to send in the pass {@code context} is about; null when the request has no body. */
    public JsonNode render(AlertContext context) {
        return rule != null ? rule.query(context) : render(context.window(), context.params());
    }

    /** The body to send for this window and these params; null when the request has no body. */
    public JsonNode render(Window window, JsonNode params) {
        if (body == null) {
            return null;
        }
        Map<String, JsonNode> values = Map.of(
                "window.start", TextNode.valueOf(window.start().toString()),
                "window.end", TextNode.valueOf(window.end().toString()));
        return substitute(body, values, params);
    }

    private static JsonNode substitute(JsonNode node, Map<String, JsonNode> values, JsonNode params) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), substitute(e.getValue(), values, params)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(substitute(element, values, params)));
            return copy;
        }
        if (!node.isTextual()) {
            return node;
        }
        Optional<String> whole = Placeholders.whole(node.asText());
        if (whole.isPresent()) {
            return value(whole.get(), values, params);
        }
        return TextNode.valueOf(Placeholders.replace(node.asText(), name -> {
            JsonNode value = value(name, values, params);
            return value.isValueNode() ? value.asText() : value.toString();
        }));
    }

    private static JsonNode value(String name, Map<String, JsonNode> values, JsonNode params) {
        if (name.startsWith("params.")) {
            return params.path(name.substring("params.".length())).deepCopy();
        }
        return values.getOrDefault(name, TextNode.valueOf("{{" + name + "}}"));
    }

    private static String fieldNames(JsonNode params) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
