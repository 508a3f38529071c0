package io.alertas.core.internal.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Digest periods aligned to the epoch, their bounds, and what a gathering keeps. */
class DigestPeriodTest {

    private static final Instant AT = Instant.parse("2026-05-04T10:17:42Z");

    @Test
    void aPeriodEndsAtTheNextMultipleOfItsLengthSinceTheEpoch() {
        assertEquals(Instant.parse("2026-05-04T10:20:00Z"), DigestPeriod.end(AT, Duration.ofMinutes(10)));
        assertEquals(Instant.parse("2026-05-04T11:00:00Z"), DigestPeriod.end(AT, Duration.ofHours(1)));
        assertEquals(Instant.parse("2026-05-05T00:00:00Z"), DigestPeriod.end(AT, Duration.ofDays(1)));
        assertEquals(Instant.parse("2026-05-04T10:30:00Z"), DigestPeriod.end(Instant.parse("2026-05-04T10:20:00Z"),
                Duration.ofMinutes(10)), "an instant on a boundary starts the next period");
        assertEquals(Instant.parse("2026-05-07T00:00:00Z"), DigestPeriod.end(AT, Duration.ofDays(7)), "weeks start on Thursdays, as 1970-01-01 did");
    }

    @Test
    void aPeriodIsFromOneMinuteToSevenDays() {
        assertEquals(Optional.of("must be from 1m to 7d, not 59s"), DigestPeriod.problem(Duration.ofSeconds(59)));
        assertEquals(Optional.of("must be from 1m to 7d, not 169h"), DigestPeriod.problem(Duration.ofHours(169)));
        assertTrue(DigestPeriod.problem(Duration.ofMinutes(1)).isEmpty());
        assertTrue(DigestPeriod.problem(Duration.ofDays(7)).isEmpty());
    }

    @Test
    void aGatheringCountsEachKeyAndOnlyCountsKeysPastItsMost() {
        Gathering gathering = new Gathering(AT, AT.plusSeconds(600));
        gathering.add("a", "first", AT);
        gathering.add("a", "x".repeat(2000), AT.plusSeconds(60));
        for (int i = 1; i < Gathering.MOST_KEYS; i++) {
            assertTrue(gathering.add("k" + i, "t", AT));
        }

        assertFalse(gathering.add("one too many", "t", AT));
        assertFalse(gathering.add("a".repeat(Gathering.LONGEST_KEY + 1), "t", AT), "too long a key is only counted");
        assertEquals(new Gathering.Entry(2, AT, AT.plusSeconds(60), "x".repeat(Gathering.LONGEST_TEXT - 1) + "…"),
                gathering.keys().get("a"));
        assertEquals(2, gathering.uncounted());
        assertEquals(Gathering.MOST_KEYS + 3, gathering.firings());
        assertEquals(gathering.json(), Gathering.read(gathering.json()).orElseThrow().json());
    }

    @Test
    void aGatheringEditedByHandIsNotRead() throws Exception {
        assertTrue(Gathering.read(new ObjectMapper().readTree("{\"start\": \"soon\", \"end\": 3}")).isEmpty());
    }
}
