package io.alertas.core.internal.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.core.internal.operations.MaintenanceInterval.Dates;
import io.alertas.core.internal.operations.MaintenanceInterval.Range;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The arithmetic of maintenance windows: in force or not, and the next start and end, across DST and odd days. */
class MaintenanceWindowTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    private static MaintenanceInterval times(int fromMinute, int toMinute) {
        return new MaintenanceInterval(List.of(), List.of(new Range(fromMinute, toMinute)), List.of(), List.of(), List.of());
    }

    private static MaintenanceWindow window(ZoneId zone, MaintenanceInterval... intervals) {
        return new MaintenanceWindow("w", zone, List.of(intervals), Set.of());
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void aWindowOfTwoToThreeInMadridDoesNotHappenOnTheSpringForwardDayAndHappensTwiceOnTheFallBackDay() {
        MaintenanceWindow night = window(MADRID, times(120, 180));
        // 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00Z; no instant is 02:xx local
        assertFalse(night.inForce(at("2026-03-29T00:59:59Z")));
        assertFalse(night.inForce(at("2026-03-29T01:00:00Z")));
        assertTrue(night.inForce(at("2026-03-28T01:30:00Z")), "the day before, 02:30 CET");
        assertEquals(Optional.of(at("2026-03-30T00:00:00Z")), night.nextStart(at("2026-03-28T12:00:00Z")),
                "from the day before, the next start skips the day without 02:00: 02:00 CEST on the 30th");
        // 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00Z; 02:xx local comes twice
        assertTrue(night.inForce(at("2026-10-25T00:00:00Z")), "02:00 CEST");
        assertTrue(night.inForce(at("2026-10-25T00:59:59Z")));
        assertTrue(night.inForce(at("2026-10-25T01:00:00Z")), "02:00 CET, the second time");
        assertTrue(night.inForce(at("2026-10-25T01:59:59Z")));
        assertFalse(night.inForce(at("2026-10-25T02:00:00Z")), "03:00 CET");
        assertEquals(Optional.of(at("2026-10-25T00:00:00Z")), night.nextStart(at("2026-10-24T12:00:00Z")));
        assertEquals(Optional.of(at("2026-10-25T02:00:00Z")), night.nextEnd(at("2026-10-25T00:10:00Z")),
                "the two hours of 02:xx are one stretch of two hours");
        assertEquals(Duration.ofHours(2), Duration.between(night.nextStart(at("2026-10-24T12:00:00Z")).get(),
                night.nextEnd(at("2026-10-25T00:10:00Z")).get()));
    }

    @Test
    void aWindowPartlyInTheSkippedHourStartsAtTheChangeAndOneEndingInItEndsThere() {
        MaintenanceWindow late = window(MADRID, times(150, 240));   // 02:30-04:00
        assertEquals(Optional.of(at("2026-03-29T01:00:00Z")), late.nextStart(at("2026-03-28T12:00:00Z")),
                "02:30 never comes; the window is in force from 03:00 CEST");
        MaintenanceWindow early = window(MADRID, times(60, 150));   // 01:00-02:30
        assertEquals(Optional.of(at("2026-03-29T00:00:00Z")), early.nextStart(at("2026-03-28T12:00:00Z")));
        assertEquals(Optional.of(at("2026-03-29T01:00:00Z")), early.nextEnd(at("2026-03-29T00:30:00Z")),
                "it ends when 02:00 CET turns into 03:00 CEST, an hour after it started");
    }

    @Test
    void endsAreExclusiveStartsInclusiveAnd24IsMidnightOfTheNextDay() {
        MaintenanceWindow evening = window(ZoneOffset.UTC, new MaintenanceInterval(List.of(new Range(1, 1)),
                List.of(new Range(22 * 60, MaintenanceInterval.DAY)), List.of(), List.of(), List.of()));
        assertTrue(evening.inForce(at("2026-12-07T22:00:00Z")), "a Monday at 22:00");
        assertTrue(evening.inForce(at("2026-12-07T23:59:59.999Z")));
        assertFalse(evening.inForce(at("2026-12-08T00:00:00Z")), "Tuesday");
        assertFalse(evening.inForce(at("2026-12-07T21:59:59Z")));
        assertEquals(Optional.of(at("2026-12-08T00:00:00Z")), evening.nextEnd(at("2026-12-07T22:30:00Z")));
        assertEquals(Optional.of(at("2026-12-14T22:00:00Z")), evening.nextStart(at("2026-12-07T22:30:00Z")),
                "the next Monday");
    }

    @Test
    void stretchesThatTouchAcrossMidnightAreOneAndTheirEndIsTheLast() {
        MaintenanceWindow weekend = window(MADRID,
                new MaintenanceInterval(List.of(new Range(5, 5)), List.of(new Range(22 * 60, MaintenanceInterval.DAY)),
                        List.of(), List.of(), List.of()),
                new MaintenanceInterval(List.of(new Range(6, 7)), List.of(), List.of(), List.of(), List.of()));
        // Friday 2026-12-11 22:00 CET to Monday 00:00 CET
        assertEquals(Optional.of(at("2026-12-11T21:00:00Z")), weekend.nextStart(at("2026-12-07T00:00:00Z")));
        assertEquals(Optional.of(at("2026-12-13T23:00:00Z")), weekend.nextEnd(at("2026-12-11T21:00:00Z")));
    }

    @Test
    void theLastDayOfTheMonthFollowsTheMonthsLengthAndALeapDayIsFoundFourYearsAhead() {
        MaintenanceWindow last = window(ZoneOffset.UTC, new MaintenanceInterval(List.of(), List.of(),
                List.of(new Range(-1, -1)), List.of(), List.of()));
        assertEquals(Optional.of(at("2027-02-28T00:00:00Z")), last.nextStart(at("2027-02-01T00:00:00Z")));
        assertEquals(Optional.of(at("2028-02-29T00:00:00Z")), last.nextStart(at("2028-02-01T00:00:00Z")));
        assertEquals(Optional.of(at("2026-05-01T00:00:00Z")), last.nextEnd(at("2026-04-30T10:00:00Z")), "April has 30 days");

        MaintenanceWindow leapDay = window(ZoneOffset.UTC, new MaintenanceInterval(List.of(), List.of(),
                List.of(new Range(29, 29)), List.of(new Range(2, 2)), List.of()));
        assertEquals(Optional.of(at("2028-02-29T00:00:00Z")), leapDay.nextStart(at("2026-03-01T00:00:00Z")));
        MaintenanceWindow firstWeek = window(ZoneOffset.UTC, new MaintenanceInterval(List.of(), List.of(),
                List.of(new Range(1, -1)), List.of(new Range(1, 3)), List.of()));
        assertTrue(firstWeek.inForce(at("2026-03-31T23:00:00Z")), "1:-1 is the whole month");
        assertFalse(firstWeek.inForce(at("2026-04-01T00:00:00Z")));
    }

    @Test
    void aWindowThatNeverHoldsHasNoNextStartAndTheSearchIsBounded() {
        MaintenanceWindow february30 = window(MADRID, new MaintenanceInterval(List.of(), List.of(),
                List.of(new Range(30, 30)), List.of(new Range(2, 2)), List.of()));
        assertEquals(Optional.empty(), february30.nextStart(at("2026-01-01T00:00:00Z")));
        assertEquals(Optional.empty(), february30.nextEnd(at("2026-01-01T00:00:00Z")));
        MaintenanceWindow always = window(ZoneOffset.UTC, new MaintenanceInterval(List.of(new Range(1, 7)), List.of(),
                List.of(), List.of(), List.of()));
        assertTrue(always.inForce(at("2026-01-01T00:00:00Z")));
        assertEquals(Optional.empty(), always.nextEnd(at("2026-01-01T00:00:00Z")), "no end within four years");
    }

    @Test
    void datesHoldFromTheirFirstDayToTheirLastInTheWindowsZone() {
        MaintenanceWindow christmas = window(MADRID, new MaintenanceInterval(List.of(), List.of(), List.of(), List.of(),
                List.of(new Dates(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-26")))));
        assertEquals(Optional.of(at("2026-12-23T23:00:00Z")), christmas.nextStart(at("2026-06-01T00:00:00Z")),
                "midnight in Madrid is 23:00 UTC the day before");
        assertEquals(Optional.of(at("2026-12-26T23:00:00Z")), christmas.nextEnd(at("2026-12-24T12:00:00Z")));
        assertEquals(Optional.empty(), christmas.nextStart(at("2026-12-27T00:00:00Z")), "dates past do not come back");
    }

    /**
     * The most the configuration allows: 100 intervals of 100 one-minute times each, which together hold every
     * minute of every day, and the same times on a day that never comes (30 and 31 February).
     */
    private static MaintenanceWindow widest(List<Range> daysOfMonth, List<Range> months) {
        List<MaintenanceInterval> intervals = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            List<Range> minutes = new java.util.ArrayList<>();
            for (int j = 0; j < 100; j++) {
                int minute = (i * 100 + j) % MaintenanceInterval.DAY;
                minutes.add(new Range(minute, minute + 1));
            }
            intervals.add(new MaintenanceInterval(List.of(), minutes, daysOfMonth, months, List.of()));
        }
        return new MaintenanceWindow("widest", MADRID, intervals, Set.of());
    }

    @Test
    void theWidestWindowsTheLimitsAllowGiveTheirAnswers() {
        MaintenanceWindow always = widest(List.of(), List.of());
        for (String instant : List.of("2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z", "2026-10-25T01:30:00Z", "2026-12-07T23:59:59Z")) {
            assertTrue(always.inForce(at(instant)), instant);
        }
        assertEquals(Optional.empty(), always.nextEnd(at("2026-12-07T12:00:00Z")), "in force for the four years searched");
        assertEquals(Optional.empty(), always.nextStart(at("2026-12-07T12:00:00Z")), "never comes into force: it never leaves it");

        MaintenanceWindow never = widest(List.of(new Range(30, 31)), List.of(new Range(2, 2)));
        assertFalse(never.inForce(at("2026-12-07T12:00:00Z")));
        assertEquals(Optional.empty(), never.nextStart(at("2026-12-07T12:00:00Z")));
        assertEquals(Optional.empty(), never.nextEnd(at("2026-12-07T12:00:00Z")));
    }

    @Test
    void minutesHeldByManyIntervalsMergeIntoOneStretch() {
        MaintenanceWindow split = window(MADRID, times(120, 150), times(140, 180), times(180, 200), times(300, 301));
        assertEquals(Optional.of(at("2026-12-08T01:00:00Z")), split.nextStart(at("2026-12-07T12:00:00Z")), "02:00 CET");
        assertEquals(Optional.of(at("2026-12-08T02:20:00Z")), split.nextEnd(at("2026-12-08T01:00:00Z")),
                "03:20 CET: the three touching or overlapping intervals are one stretch");
        assertEquals(Optional.of(at("2026-12-08T04:00:00Z")), split.nextStart(at("2026-12-08T02:20:00Z")), "05:00 CET");
        assertEquals(Optional.of(at("2026-12-08T04:01:00Z")), split.nextEnd(at("2026-12-08T04:00:00Z")));
    }
}
