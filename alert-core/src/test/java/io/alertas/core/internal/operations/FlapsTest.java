package io.alertas.core.internal.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The arithmetic of flapping: changes counted in the last windows, the start and the end, kept and read back. */
class FlapsTest {

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    /** Follows windows in which "k" fires where {@code pattern} has a 1; returns the turns, window by window. */
    private static List<Map<String, Flaps.Turn>> follow(Flaps flaps, String pattern) {
        return pattern.chars().mapToObj(c -> flaps.follow(c == '1' ? Set.of("k") : Set.of(), T0, new HashSet<>())).toList();
    }

    @Test
    void aKeyFlapsOnceItChangedEnoughTimesInTheLastWindowsAndIsStableWhenFewer() {
        Flaps flaps = new Flaps(new Flapping(3, 5));

        List<Map<String, Flaps.Turn>> turns = follow(flaps, "101");

        assertEquals(List.of(Map.of(), Map.of(), Map.of("k", Flaps.Turn.STARTED)), turns, "quiet to firing counts as a change");
        assertTrue(flaps.flapping("k"));
        assertEquals(3, flaps.changes("k"));
        assertEquals(List.of(Map.of(), Map.of()), follow(flaps, "11"), "windows 1 to 5 hold three changes");
        assertEquals(List.of(Map.of("k", Flaps.Turn.ENDED)), follow(flaps, "1"), "window 1's change is past the last 5");
        assertFalse(flaps.flapping("k"));
        assertEquals(2, flaps.changes("k"));
    }

    @Test
    void aQuietKeyWithoutChangesInItsWindowsIsForgottenAndOnlyTheChangesTheRuleNeedsAreKept() {
        Flaps flaps = new Flaps(new Flapping(2, 3));

        follow(flaps, "1010101");

        assertEquals(2, flaps.keys().get("k").changes().size(), "the two most recent changes");
        follow(flaps, "000");
        assertEquals(List.of(8L), flaps.keys().get("k").changes(), "window 8's change (firing to quiet) is in the last 3");
        follow(flaps, "0");
        assertEquals(Map.of(), flaps.keys());
    }

    @Test
    void whatIsKeptReadsBackTheSame() {
        Flaps flaps = new Flaps(new Flapping(3, 10));
        follow(flaps, "10101");

        Flaps read = Flaps.read(new Flapping(3, 10), flaps.json());

        assertEquals(flaps.keys(), read.keys());
        assertEquals(flaps.json(), read.json());
        assertEquals(List.of(Map.of()), follow(read, "0"), "still flapping after the read");
    }

    @Test
    void aStateEditedByHandOrARuleMadeStricterIsReadWithoutFailing() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"window\": \"x\", \"keys\": {\"a\": {\"firing\": 1}, \"b\": {\"firing\": true, \"changes\": [1, 2, 3],"
                        + " \"since\": \"yesterday\"}, \"c\": {\"firing\": true, \"changes\": [7, 8, 9, 10]}}}");

        Flaps read = Flaps.read(new Flapping(2, 10), json);

        assertEquals(Set.of("c"), read.keys().keySet());
        assertEquals(List.of(9L, 10L), read.keys().get("c").changes());
    }

    @Test
    void beyondTheMostKeysANewKeyIsNotFollowed() {
        Flaps flaps = new Flaps(new Flapping(2, 10));
        Set<String> many = new HashSet<>();
        for (int i = 0; i <= Flaps.MOST_KEYS; i++) {
            many.add("key-" + i);
        }
        Set<String> unfollowed = new HashSet<>();

        flaps.follow(many, T0, unfollowed);

        assertEquals(Flaps.MOST_KEYS, flaps.keys().size());
        assertEquals(1, unfollowed.size());
    }
}
