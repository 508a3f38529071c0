package io.alertas.core.internal.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one digest gathered on one medium in its period so far: per key how often it fired, when first and last,
 * and its last finding's text; at most {@link #MOST_KEYS} keys of at most {@link #LONGEST_KEY} characters, the
 * firings of other keys only counted. Kept in
 * the state as a JSON object ({@link #json()}); not thread-safe.
 */
public final class Gathering {

    /** The part of the state's {@code kept} the digests are in: per alert, an object of each medium's gathering. */
    public static final String PART = "digest";
    /** The most keys one digest keeps; the firings of others are counted in {@link #uncounted()}. */
    public static final int MOST_KEYS = 1000;
    /** The longest key kept, in characters; the firings of a longer one are only counted. */
    public static final int LONGEST_KEY = 1000;
    /** The longest text kept per key, in characters; a longer one is cut with an ellipsis. */
    public static final int LONGEST_TEXT = 500;

    /** One key's firings in the period. */
    public record Entry(long count, Instant first, Instant last, String text) {
    }

    private final Instant start;
    private final Instant end;
    private final Map<String, Entry> keys = new LinkedHashMap<>();
    private long uncounted;

    /** An empty gathering of the period from {@code start} to {@code end}. */
    public Gathering(Instant start, Instant end) {
        this.start = start;
        this.end = end;
    }

    /** The start of the period. */
    public Instant start() {
        return start;
    }

    /** The end of the period, when its digest is sent (by the first pass at or after it). */
    public Instant end() {
        return end;
    }

    /** The keys gathered, in the order they first fired; read-only. */
    public Map<String, Entry> keys() {
        return Collections.unmodifiableMap(keys);
    }

    /** The firings of keys past {@link #MOST_KEYS}, which were counted but not kept. */
    public long uncounted() {
        return uncounted;
    }

    /** Every firing gathered, of kept keys and the others. */
    public long firings() {
        return keys.values().stream().mapToLong(Entry::count).sum() + uncounted;
    }

    /**
     * Gathers a firing of {@code key} at {@code at} whose finding says {@code text}; returns false when the key is
     * new and {@link #MOST_KEYS} are already kept, or longer than {@link #LONGEST_KEY}, so that the firing was
     * only counted.
     */
    public boolean add(String key, String text, Instant at) {
        Entry entry = keys.get(key);
        if (entry == null && (keys.size() >= MOST_KEYS || key.length() > LONGEST_KEY)) {
            uncounted = uncounted == Long.MAX_VALUE ? uncounted : uncounted + 1;
            return false;
        }
        String cut = text.length() > LONGEST_TEXT ? text.substring(0, LONGEST_TEXT - 1) + "…" : text;
        keys.put(key, entry == null ? new Entry(1, at, at, cut)
                : new Entry(entry.count() == Long.MAX_VALUE ? entry.count() : entry.count() + 1, entry.first(), at, cut));
        return true;
    }

    /**
     * A copy of this gathering's period holding only the firings of the keys of {@code kept}, with those of keys
     * not kept counted when {@code counted}.
     */
    public Gathering only(Collection<String> kept, boolean counted) {
        Gathering part = new Gathering(start, end);
        keys.forEach((key, entry) -> {
            if (kept.contains(key)) {
                part.keys.put(key, entry);
            }
        });
        part.uncounted = counted ? uncounted : 0;
        return part;
    }

    /** The gathering as the state keeps it. */
    public ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("start", start.toString()).put("end", end.toString())
                .put("uncounted", uncounted);
        ObjectNode entries = json.putObject("keys");
        keys.forEach((key, e) -> entries.putObject(key).put("count", e.count()).put("first", e.first().toString())
                .put("last", e.last().toString()).put("text", e.text()));
        return json;
    }

    /**
     * Reads what {@link #json()} wrote; empty when {@code json} is not such an object, or says what cannot be (a
     * start after its end, a key's first firing after its last), as a state file edited by hand or a document
     * written to a shared state index may: its firings are then lost with the warning of the caller.
     */
    public static Optional<Gathering> read(JsonNode json) {
        try {
            Gathering gathering = new Gathering(Instant.parse(json.path("start").asText()), Instant.parse(json.path("end").asText()));
            if (gathering.start.isAfter(gathering.end)) {
                return Optional.empty();
            }
            gathering.uncounted = Math.max(0, json.path("uncounted").asLong());
            for (Iterator<Map.Entry<String, JsonNode>> it = json.path("keys").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode entry = e.getValue();
                if (gathering.keys.size() >= MOST_KEYS) {
                    gathering.uncounted += Math.max(1, entry.path("count").asLong());
                    continue;
                }
                Instant first = Instant.parse(entry.path("first").asText());
                Instant last = Instant.parse(entry.path("last").asText());
                if (first.isAfter(last)) {
                    return Optional.empty();
                }
                gathering.keys.put(e.getKey(), new Entry(Math.max(1, entry.path("count").asLong()), first, last,
                        entry.path("text").asText()));
            }
            return Optional.of(gathering);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
