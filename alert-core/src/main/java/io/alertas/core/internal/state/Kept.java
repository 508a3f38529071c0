package io.alertas.core.internal.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the parts of a pass beside the core keep between passes, each under its own name: a digest's
 * collected firings, a key's recent changes for flapping, a maintenance window's muted count. Per part, one
 * JSON object per name (an alert's, a window's). Both stores keep it with the rest of the state and write it
 * as atomically; a part keeps its own objects within a budget of its own. Not thread-safe.
 */
public final class Kept {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, ObjectNode>> parts = new TreeMap<>();

    /** What {@code part} keeps under {@code name}, a copy; empty when it keeps nothing there. */
    public Optional<ObjectNode> get(String part, String name) {
        return Optional.ofNullable(parts.getOrDefault(part, Map.of()).get(name)).map(ObjectNode::deepCopy);
    }

    /** Keeps {@code value} (a copy) for {@code part} under {@code name}, or forgets it when {@code value} is null. */
    public void put(String part, String name, ObjectNode value) {
        requireNonNull(part, "part is null");
        requireNonNull(name, "name is null");
        Map<String, ObjectNode> names = parts.computeIfAbsent(part, p -> new TreeMap<>());
        if (value == null) {
            names.remove(name);   // the part stays known, so that the journal says its name was forgotten
        } else {
            names.put(name, value.deepCopy());
        }
    }

    /** The parts that kept something in this state. */
    public Set<String> parts() {
        return Collections.unmodifiableSet(parts.keySet());
    }

    /** The names {@code part} keeps something under, and what; read-only. */
    public Map<String, ObjectNode> of(String part) {
        return Collections.unmodifiableMap(parts.getOrDefault(part, Map.of()));
    }

    /** Everything, as the file store writes it: part, then name, then the object. */
    ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        parts.forEach((part, names) -> names.forEach((name, value) -> root.withObjectProperty(part).set(name, value)));
        return root;
    }

    /** What every part keeps under {@code name} (null where a part keeps nothing there), as the file store's journal writes it. */
    ObjectNode json(String name) {
        ObjectNode root = JSON.createObjectNode();
        parts.forEach((part, names) -> root.set(part, names.containsKey(name) ? names.get(name) : JSON.nullNode()));
        return root;
    }

    /** Reads what {@link #json()} or {@link #json(String)} wrote; a null forgets, an entry not an object is refused. */
    void read(JsonNode root, String name) {
        root.fields().forEachRemaining(part -> {
            if (name != null) {
                put(part.getKey(), name, object(part.getValue()));
            } else {
                part.getValue().fields().forEachRemaining(e -> put(part.getKey(), e.getKey(), object(e.getValue())));
            }
        });
    }

    private static ObjectNode object(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("what a part keeps must be a JSON object");
        }
        return (ObjectNode) value;
    }
}
