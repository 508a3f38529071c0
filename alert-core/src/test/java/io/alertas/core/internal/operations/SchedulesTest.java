package io.alertas.core.internal.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Periods and cron expressions: their boundaries, and which passes run an alert, across daylight-saving changes. */
class SchedulesTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** The passes, one every quarter of an hour from {@code from} to {@code to}, that run an alert that never ran before. */
    private static List<Instant> runs(Schedule schedule, String from, String to) {
        List<Instant> runs = new ArrayList<>();
        Instant last = null;
        for (Instant now = at(from); !now.isAfter(at(to)); now = now.plusSeconds(900)) {
            if (schedule.due(last, now)) {
                runs.add(now);
                last = now;
            }
        }
        return runs;
    }

    @Test
    void aPeriodsBoundariesAreItsMultiplesSinceTheEpochInUtc() {
        PeriodSchedule five = new PeriodSchedule(Duration.ofMinutes(5));
        assertEquals(at("2026-06-01T10:05:00Z"), five.next(at("2026-06-01T10:00:00Z")));
        assertEquals(at("2026-06-01T10:05:00Z"), five.next(at("2026-06-01T10:04:59.999Z")));
        assertEquals(at("2026-06-02T00:00:00Z"), new PeriodSchedule(Duration.ofDays(1)).next(at("2026-06-01T10:00:00Z")));
        assertEquals(Instant.MAX, five.next(Instant.MAX.minusSeconds(1)));
        assertEquals("every 5m", five.toString());
        assertThrows(IllegalArgumentException.class, () -> new PeriodSchedule(Duration.ofSeconds(90)));
        assertThrows(IllegalArgumentException.class, () -> new PeriodSchedule(Duration.ofDays(29)));
    }

    @Test
    void anAlertRunsWhenABoundaryLiesAfterItsLastRunAndAtOrBeforeNow() {
        PeriodSchedule five = new PeriodSchedule(Duration.ofMinutes(5));
        assertFalse(five.due(at("2026-06-01T10:00:00Z"), at("2026-06-01T10:04:59Z")));
        assertTrue(five.due(at("2026-06-01T10:00:00Z"), at("2026-06-01T10:05:00Z")));
        assertTrue(five.due(at("2026-06-01T10:00:00Z"), at("2026-06-01T10:24:00Z")), "after an outage, once");
        assertTrue(five.due(null, at("2026-06-01T10:02:00Z")), "one that never ran (or failed last) runs at once");
        assertTrue(five.due(at("2026-06-01T11:00:00Z"), at("2026-06-01T10:02:00Z")), "a last run after now: the clock went back");
        assertEquals(List.of(at("2026-06-01T10:02:00Z"), at("2026-06-01T10:17:00Z"), at("2026-06-01T10:32:00Z")),
                runs(five, "2026-06-01T10:02:00Z", "2026-06-01T10:44:00Z"), "one run a pass, however many boundaries it missed");
        assertEquals(Duration.ofMinutes(3), five.span(at("2026-06-01T10:02:00Z")));
        assertEquals(Duration.ZERO, Schedule.EVERY_PASS.span(at("2026-06-01T10:02:00Z")));
        assertTrue(Schedule.EVERY_PASS.due(at("2026-06-01T10:02:00Z"), at("2026-06-01T10:02:00Z")));
    }

    @Test
    void aCronKeepsItsLocalTimeAcrossBothDaylightSavingChanges() {
        CronSchedule morning = CronSchedule.of("30 8 * * *", MADRID);
        // clocks go forward on 29 March 2026 (UTC+1 to UTC+2) and back on 25 October 2026
        assertEquals(List.of(at("2026-03-27T12:00:00Z"), at("2026-03-28T07:30:00Z"), at("2026-03-29T06:30:00Z"),
                at("2026-03-30T06:30:00Z")), runs(morning, "2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z"));
        assertEquals(List.of(at("2026-10-23T12:00:00Z"), at("2026-10-24T06:30:00Z"), at("2026-10-25T07:30:00Z"),
                at("2026-10-26T07:30:00Z")), runs(morning, "2026-10-23T12:00:00Z", "2026-10-26T12:00:00Z"));
        assertEquals("cron \"30 8 * * *\" in Europe/Madrid", morning.toString());
    }

    @Test
    void aLocalTimeThatOccursTwiceRunsOnceAndOneThatDoesNotOccurIsSkipped() {
        CronSchedule night = CronSchedule.of("30 2 * * *", MADRID);
        assertEquals(List.of(at("2026-03-28T00:00:00Z"), at("2026-03-28T01:30:00Z"), at("2026-03-30T00:30:00Z")),
                runs(night, "2026-03-28T00:00:00Z", "2026-03-30T12:00:00Z"));
        assertEquals(List.of(at("2026-10-24T12:00:00Z"), at("2026-10-25T00:30:00Z"), at("2026-10-26T01:30:00Z")),
                runs(night, "2026-10-24T12:00:00Z", "2026-10-26T12:00:00Z"));
    }

    @Test
    void aCronsLongestGapIsFoundWhenItIsLongerThanTheLimit() {
        Instant from = at("2024-01-01T00:00:00Z");
        assertEquals(Duration.ofDays(31).plusHours(1), CronSchedule.of("0 0 1 * *", MADRID)
                .gapOver(Schedule.LONGEST_GAP, from).orElseThrow(), "October to November, across the autumn change");
        assertEquals(Duration.ofDays(4 * 365 + 1), CronSchedule.of("0 0 29 2 *", UTC)
                .gapOver(Schedule.LONGEST_GAP, from).orElseThrow());
        assertEquals(Duration.ofDays(61), CronSchedule.of("0 0 31 * *", UTC).gapOver(Schedule.LONGEST_GAP, from)
                .orElseThrow(), "31 July to 31 August is shorter than 31 August to 31 October");
        assertTrue(CronSchedule.of("0 8 1,15 * *", MADRID).gapOver(Schedule.LONGEST_GAP, from).isEmpty());
        assertTrue(CronSchedule.of("*/5 * * * *", MADRID).gapOver(Schedule.LONGEST_GAP, from).isEmpty());
        assertEquals(Duration.ofHours(73), CronSchedule.of("0 8 * * 1-5", MADRID).gapOver(Duration.ofHours(72), from)
                .orElseThrow(), "a weekend across the autumn change");
    }

    @Test
    void aCronThatNeverFiresHasNoNextRun() {
        assertEquals(Instant.MAX, CronSchedule.of("0 0 30 2 *", UTC).next(at("2026-01-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.of("0 0 0 8 * * *", MADRID));
    }
}
