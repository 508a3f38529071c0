package io.alertas.core.internal.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the state keeps of a digest is read back as written, and what cannot be is unreadable, never a throw later. */
class GatheringTest {

    private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant END = Instant.parse("2026-06-01T11:00:00Z");

    @Test
    void aGatheringIsReadBackAsWritten() {
        Gathering gathering = new Gathering(START, END);
        gathering.add("web-1", "5 errors", START.plusSeconds(60));
        gathering.add("web-1", "7 errors", START.plusSeconds(120));

        Gathering read = Gathering.read(gathering.json()).orElseThrow();

        assertEquals(END, read.end());
        assertEquals(new Gathering.Entry(2, START.plusSeconds(60), START.plusSeconds(120), "7 errors"), read.keys().get("web-1"));
    }

    @Test
    void aStartAfterItsEndIsUnreadable() {
        ObjectNode json = new Gathering(START, END).json().put("start", END.plusSeconds(1).toString());

        assertTrue(Gathering.read(json).isEmpty(), "a window cannot be made of it: " + json);
    }

    @Test
    void aKeysFirstFiringAfterItsLastIsUnreadable() {
        Gathering gathering = new Gathering(START, END);
        gathering.add("web-1", "5 errors", START.plusSeconds(60));
        ObjectNode json = gathering.json();
        ((ObjectNode) json.path("keys").path("web-1")).put("first", END.toString());

        assertTrue(Gathering.read(json).isEmpty(), json.toString());
    }
}
