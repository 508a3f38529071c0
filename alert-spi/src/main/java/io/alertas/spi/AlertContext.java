package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What an evaluator knows besides the response: which alert, which window, the instant of the pass and
 * the alert's params, each declared param holding its default or the value from {@code alerts.json}.
 *
 * <p>Nothing returned is null. The typed readers ({@link #number}, {@link #integer}, ...) return a value of
 * the declared type; asking for a param the alert does not declare, or as another type, is a bug in the
 * alert and throws {@link IllegalArgumentException} naming the param.
 */
public final class AlertContext {

    private final String alert;
    private final Window window;
    private final Instant now;
    private final JsonNode params;
    private final JsonNode memory;
    private final UnaryOperator<JsonNode> search;

    private AlertContext(String alert, Window window, Instant now, JsonNode params, JsonNode memory,
            UnaryOperator<JsonNode> search) {
        this.alert = requireNonNull(alert, "alert is null");
        this.window = requireNonNull(window, "window is null");
        this.now = requireNonNull(now, "now is null");
        requireNonNull(params, "params is null");
        if (!params.isObject()) {
            throw new IllegalArgumentException("params must be a JSON object");
        }
        this.params = params.deepCopy();
        requireNonNull(memory, "memory is null");
        if (!memory.isObject()) {
            throw new IllegalArgumentException("memory must be a JSON object");
        }
        this.memory = memory.deepCopy();
        this.search = requireNonNull(search, "search is null");
    }

    /**
     * The context of one evaluation; made by the engine, and by tests that call an evaluator directly.
     *
     * @param params every param of the alert by name, as a JSON object
     */
    public static AlertContext of(String alert, Window window, Instant now, JsonNode params) {
        return new AlertContext(alert, window, now, params, JsonNodeFactory.instance.objectNode(), body -> {
            throw new SearchException("alert " + alert + " cannot search more: its context has no cluster");
        });
    }

    /** This context with what the alert remembered after its last evaluated pass ({@link Evaluation#remembering}). */
    public AlertContext withMemory(JsonNode memory) {
        return new AlertContext(alert, window, now, params, memory, search);
    }

    /** This context with the way {@link #search} reaches the cluster; made by the engine and by test kits. */
    public AlertContext withSearch(UnaryOperator<JsonNode> search) {
        return new AlertContext(alert, window, now, params, memory, search);
    }

    /**
     * What the alert remembered after its last evaluated pass, as it handed it to
     * {@link Evaluation#remembering}: a JSON object (a copy), empty the first time. It survives runs in the
     * state store with the alert's checkpoint, and moves only when the checkpoint does.
     */
    public JsonNode memory() {
        return memory.deepCopy();
    }

    /**
     * Sends one more search to the alert's index and returns the answer, for evaluators that read more than
     * one page (a composite aggregation's next page) or check what the first answer found against history.
     * It counts against the evaluator's timeout.
     *
     * @throws SearchException when the cluster refuses or does not answer; the alert fails, and only it
     */
    public JsonNode search(JsonNode body) {
        return search.apply(requireNonNull(body, "body is null"));
    }

    /** The alert's name. */
    public String alert() {
        return alert;
    }

    /** The span of time this pass's query covers. */
    public Window window() {
        return window;
    }

    /** The instant of the pass: the clock's, or the one given with {@code --now}. */
    public Instant now() {
        return now;
    }

    /** Every param as a JSON object (a copy). */
    public JsonNode params() {
        return params.deepCopy();
    }

    /** The param {@code name} as JSON (a copy), such as an object param. */
    public JsonNode param(String name) {
        return value(name).deepCopy();
    }

    /** A {@code number} or {@code integer} param. */
    public double number(String name) {
        JsonNode value = value(name);
        if (!value.isNumber()) {
            throw wrongType(name, "a number");
        }
        return value.asDouble();
    }

    /** An {@code integer} param. */
    public long integer(String name) {
        JsonNode value = value(name);
        if (!value.isNumber() || value.asDouble() != Math.rint(value.asDouble())) {
            throw wrongType(name, "an integer");
        }
        return value.asLong();
    }

    /** A {@code string} param. */
    public String string(String name) {
        JsonNode value = value(name);
        if (!value.isTextual()) {
            throw wrongType(name, "a string");
        }
        return value.asText();
    }

    /** A {@code strings} param. */
    public List<String> strings(String name) {
        JsonNode value = value(name);
        if (!value.isArray()) {
            throw wrongType(name, "a list of strings");
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asText()));
        return List.copyOf(items);
    }

    /** A {@code duration} param. */
    public Duration duration(String name) {
        Duration duration = Durations.parse(value(name));
        if (duration == null) {
            throw wrongType(name, "a duration");
        }
        return duration;
    }

    /** A {@code boolean} param. */
    public boolean bool(String name) {
        JsonNode value = value(name);
        if (!value.isBoolean()) {
            throw wrongType(name, "true or false");
        }
        return value.asBoolean();
    }

    private JsonNode value(String name) {
        JsonNode value = params.get(name);
        if (value == null) {
            List<String> declared = new ArrayList<>();
            params.fieldNames().forEachRemaining(declared::add);
            throw new IllegalArgumentException("alert " + alert + " has no param \"" + name + "\"; declared: "
                    + (declared.isEmpty() ? "(none)" : String.join(", ", declared)));
        }
        return value;
    }

    private IllegalArgumentException wrongType(String name, String expected) {
        return new IllegalArgumentException("param \"" + name + "\" of alert " + alert + " is not " + expected);
    }
}
