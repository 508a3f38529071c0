package io.alertas.core.internal.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.pass.Problem;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document whose values a problem can point at by line and column. Values are addressed by JSON Pointer
 * ({@code /elasticsearch/timeout}). The document is read once without places, as most files have no problem;
 * the first problem placed in it reads the text again, this time keeping the place of every value.
 */
final class LocatedJson {

    /** Config files may hold comments, line ({@code //}) and block, as the ones {@code init} writes do. */
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BOM = "\uFEFF";

    private final String name;
    private final JsonNode root;
    /** The text read, until its places are read from it; null for a file that is not there. */
    private String text;
    /** The place of each value, read from {@link #text} when a problem first needs one. */
    private Map<String, JsonLocation> locations;

    private LocatedJson(String name, JsonNode root, String text, Map<String, JsonLocation> locations) {
        this.name = name;
        this.root = root;
        this.text = text;
        this.locations = locations;
    }

    /**
     * Parses {@code text}; {@code name} is how the file is shown in problems. A byte order mark before the
     * document, as some editors write one, is no part of it. A syntax error is placed by line and column but
     * never quoted: the parser's own words repeat the text it stumbled on, and any config file may be, or link
     * to, a secret written without quotes.
     *
     * A document nested deeper than the reader's 1,000 levels is said so, at the place it goes past them.
     *
     * @throws ConfigException with the line and column of the first syntax error
     */
    static LocatedJson parse(String name, String text) throws ConfigException {
        String document = text.startsWith(BOM) ? text.substring(1) : text;
        try (JsonParser parser = FACTORY.createParser(document)) {
            try {
                return new LocatedJson(name, document(name, parser, null), document, null);
            } catch (StreamConstraintsException e) {
                throw problem(name, parser.currentLocation(), beyond(e));
            }
        } catch (JsonProcessingException e) {
            throw problem(name, e.getLocation(), "malformed JSON (not quoted here, as it may be a secret): check the"
                    + " quotes, commas and braces at this place; every value that is not a number, true, false or null"
                    + " needs quotes");
        } catch (IOException e) {
            throw new ConfigException(List.of(new Problem(name, null, "cannot be read: " + e.getMessage())));
        }
    }

    /** A file that is not there, read as an empty object: its problems are placed at the file's name. */
    static LocatedJson absent(String name) {
        return new LocatedJson(name, NODES.objectNode(), null, Map.of());
    }

    /** The document {@code parser} reads, keeping the place of each value in {@code locations} unless it is null. */
    private static JsonNode document(String name, JsonParser parser, Map<String, JsonLocation> locations)
            throws IOException, ConfigException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new ConfigException(List.of(new Problem(name, null, "is empty; it must hold a JSON object")));
        }
        JsonNode root = read(parser, "", locations);
        if (parser.nextToken() != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw problem(name, at, "unexpected content after the end of the JSON document");
        }
        return root;
    }

    /**
     * What a document past one of the reader's limits is, said as such: it may be valid JSON, only nested too
     * deep or with a number or a name too long. The reader's own words hold its limits, never the text.
     */
    private static String beyond(StreamConstraintsException e) {
        int depth = FACTORY.streamReadConstraints().getMaxNestingDepth();
        return e.getOriginalMessage().startsWith("Document nesting depth")
                ? "nested deeper than " + depth + " levels"
                : "past a limit of the JSON reader: " + e.getOriginalMessage();
    }

    private static ConfigException problem(String name, JsonLocation at, String message) {
        return new ConfigException(List.of(new Problem(place(name, at), null, message)));
    }

    private static String place(String name, JsonLocation at) {
        return at == null ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    /** The value at the parser's token, at {@code pointer}; its places go to {@code locations} unless that is null. */
    private static JsonNode read(JsonParser parser, String pointer, Map<String, JsonLocation> locations)
            throws IOException {
        if (locations != null) {
            locations.putIfAbsent(pointer, parser.currentTokenLocation());
        }
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    String child = locations == null ? null : child(pointer, field);
                    if (locations != null) {
                        locations.put(child, parser.currentTokenLocation());
                    }
                    parser.nextToken();
                    object.set(field, read(parser, child, locations));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, locations == null ? null : pointer + "/" + i, locations));
                    i++;
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseProblem(parser, "unexpected " + parser.currentToken());
        }
    }

    /** The document. */
    JsonNode root() {
        return root;
    }

    /** The file as shown in problems. */
    String name() {
        return name;
    }

    /** The JSON pointer of {@code field} inside the object at {@code pointer}. */
    static String child(String pointer, String field) {
        return pointer + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    /** {@code file:line:column} of the value at {@code pointer}, or of its nearest enclosing value. */
    synchronized String at(String pointer) {
        if (locations == null) {
            locations = locations();
            text = null;
        }
        String p = pointer;
        while (!locations.containsKey(p) && !p.isEmpty()) {
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return place(name, locations.get(p));
    }

    /** The place of each value of {@link #text}, which {@link #parse} has read once without error. */
    private Map<String, JsonLocation> locations() {
        Map<String, JsonLocation> read = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            document(name, parser, read);
            return read;
        } catch (IOException | ConfigException e) {
            throw new IllegalStateException(name + " was read once and then could not be read again", e);
        }
    }

    private static final class JsonParseProblem extends JsonProcessingException {
        JsonParseProblem(JsonParser parser, String message) {
            super(message, parser.currentTokenLocation());
        }
    }
}
