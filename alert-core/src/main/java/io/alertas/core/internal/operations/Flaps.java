package io.alertas.core.internal.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arithmetic of flapping for one alert: the windows it was followed in, numbered, and per key whether it
 * fired in the last one, the windows in which its state changed (quiet to firing, firing to quiet; the most
 * recent {@code changes} of them, all that the rule needs) and since when it is flapping. A key is flapping
 * once it changed at least {@code changes} times in its last {@code windows} windows, and stable again when it
 * changed fewer times. At most {@link #MOST_KEYS} keys are followed, each of at most
 * {@link Gathering#LONGEST_KEY} characters. Kept in the state as a JSON object
 * ({@link #json()}); not thread-safe.
 */
public final class Flaps {

    /** The part of the state's {@code kept} the flaps are in: per alert, its {@link #json()}. */
    public static final String PART = "flapping";
    /** The most keys of one alert followed; a further key is not, until one is forgotten. */
    public static final int MOST_KEYS = 500;

    /** One key: whether it fired in the last window, the windows its state changed in, since when it flaps (or null). */
    public record Key(boolean firing, List<Long> changes, Instant since) {
        public Key {
            changes = List.copyOf(changes);
        }
    }

    /** What one window did to a key's flapping. */
    public enum Turn {
        /** Nothing: it was stable and still is, or it was flapping and still is. */
        NONE,
        /** It started flapping in this window. */
        STARTED,
        /** It was flapping and is stable again. */
        ENDED
    }

    private final Flapping rule;
    private long window;
    private final Map<String, Key> keys = new LinkedHashMap<>();

    /** No window followed yet. */
    public Flaps(Flapping rule) {
        this.rule = rule;
    }

    /** The keys followed; read-only. */
    public Map<String, Key> keys() {
        return Collections.unmodifiableMap(keys);
    }

    /** Whether {@code key} is flapping. */
    public boolean flapping(String key) {
        Key k = keys.get(key);
        return k != null && k.since() != null;
    }

    /** How many times {@code key} changed in the last windows of the rule. */
    public int changes(String key) {
        Key k = keys.get(key);
        return k == null ? 0 : (int) k.changes().stream().filter(w -> w > window - rule.windows()).count();
    }

    /**
     * Follows one more window at {@code now}, in which {@code fired} keys fired; returns the keys whose flapping
     * started or ended in it. A key that fired for the first time while {@link #MOST_KEYS} are followed, or that
     * is too long, is left out and added to {@code unfollowed}.
     */
    public Map<String, Turn> follow(Set<String> fired, Instant now, Set<String> unfollowed) {
        window++;
        Map<String, Turn> turns = new LinkedHashMap<>();
        for (String key : fired) {
            if (!keys.containsKey(key) && (keys.size() >= MOST_KEYS || key.length() > Gathering.LONGEST_KEY)) {
                unfollowed.add(key);
            } else if (!keys.containsKey(key)) {
                keys.put(key, new Key(false, List.of(), null));
            }
        }
        for (Iterator<Map.Entry<String, Key>> it = keys.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Key> e = it.next();
            Key before = e.getValue();
            boolean firing = fired.contains(e.getKey());
            Deque<Long> changes = new ArrayDeque<>(before.changes());
            if (firing != before.firing()) {
                changes.addLast(window);
            }
            while (!changes.isEmpty() && (changes.peekFirst() <= window - rule.windows() || changes.size() > rule.changes())) {
                changes.removeFirst();
            }
            boolean flaps = changes.size() >= rule.changes();
            Instant since = flaps ? before.since() == null ? now : before.since() : null;
            if (flaps && before.since() == null) {
                turns.put(e.getKey(), Turn.STARTED);
            } else if (!flaps && before.since() != null) {
                turns.put(e.getKey(), Turn.ENDED);
            }
            if (!firing && changes.isEmpty()) {
                it.remove();
            } else {
                e.setValue(new Key(firing, List.copyOf(changes), since));
            }
        }
        return turns;
    }

    /** The flaps as the state keeps them. */
    public ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("window", window);
        ObjectNode entries = json.putObject("keys");
        keys.forEach((key, k) -> {
            ObjectNode entry = entries.putObject(key).put("firing", k.firing());
            ArrayNode changes = entry.putArray("changes");
            k.changes().forEach(changes::add);
            if (k.since() != null) {
                entry.put("since", k.since().toString());
            }
        });
        return json;
    }

    /**
     * Reads what {@link #json()} wrote, for {@code rule}; what cannot be read (a state file edited by hand) is
     * left out: such a key starts over.
     */
    public static Flaps read(Flapping rule, JsonNode json) {
        Flaps flaps = new Flaps(rule);
        flaps.window = Math.max(0, json.path("window").asLong());
        json.path("keys").fields().forEachRemaining(e -> {
            JsonNode entry = e.getValue();
            if (flaps.keys.size() >= MOST_KEYS || !entry.path("firing").isBoolean() || !entry.path("changes").isArray()) {
                return;
            }
            Deque<Long> changes = new ArrayDeque<>();
            entry.path("changes").forEach(w -> changes.addLast(w.asLong()));
            while (changes.size() > rule.changes()) {
                changes.removeFirst();
            }
            try {
                Instant since = entry.has("since") ? Instant.parse(entry.path("since").asText()) : null;
                flaps.keys.put(e.getKey(), new Key(entry.path("firing").asBoolean(), List.copyOf(changes), since));
            } catch (DateTimeParseException ignored) {
                // left out, as the comment says
            }
        });
        return flaps;
    }
}
