package io.alertas.core.internal.operations;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named, recurring maintenance window of alerts.json: while one is in force, nothing it applies to is sent.
 * It is in force at an instant when any of its intervals holds at the local date and time of that instant in
 * its zone. So it follows the zone's daylight-saving changes: a time of day that a change skips (02:30 on the
 * spring-forward day in Europe/Madrid) never comes, and a window of only those times does not happen that day;
 * a time that a change repeats (02:30 on the fall-back day) comes twice, and the window is in force both times.
 * {@code media} are the media it mutes for every alert (empty: only where alerts and routes name it).
 */
public final class MaintenanceWindow {

    /** How far ahead the next start or end is looked for: four years and a day, so that a 29 February is found. */
    public static final int SEARCH_DAYS = 4 * 366 + 1;

    private final String name;
    private final ZoneId zone;
    private final List<MaintenanceInterval> intervals;
    private final Set<String> media;

    public MaintenanceWindow(String name, ZoneId zone, List<MaintenanceInterval> intervals, Set<String> media) {
        this.name = requireNonNull(name, "name is null");
        this.zone = requireNonNull(zone, "zone is null");
        this.intervals = List.copyOf(intervals);
        this.media = Set.copyOf(media);
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<MaintenanceInterval> intervals() {
        return intervals;
    }

    /** The media this window mutes for every alert. */
    public Set<String> media() {
        return media;
    }

    /** Whether the window is in force at {@code instant}. */
    public boolean inForce(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        return intervals.stream().anyMatch(i -> i.holdsOn(day) && i.holdsAt(time));
    }

    /** The first instant after {@code after} at which the window comes into force; empty if none within {@link #SEARCH_DAYS}. */
    public Optional<Instant> nextStart(Instant after) {
        return next(after, true);
    }

    /**
     * The first instant after {@code after} at which the window goes out of force (the end of its stretch in
     * force at {@code after}, if it is in force then); empty if none within {@link #SEARCH_DAYS}.
     */
    public Optional<Instant> nextEnd(Instant after) {
        return next(after, false);
    }

    /**
     * The first change after {@code after} into force ({@code starting}) or out of it. A change can only come
     * at an edge of an interval's times, at midnight, or at a change of the zone's offset: those instants of
     * each day are tried in order, day after day, for {@link #SEARCH_DAYS} days at most.
     */
    private Optional<Instant> next(Instant after, boolean starting) {
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
            for (Instant candidate : candidates(day)) {
                if (candidate.isAfter(after) && inForce(candidate) == starting
                        && inForce(candidate.minusNanos(1)) != starting) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The instants of {@code day} at which the window may change, in order. */
    private TreeSet<Instant> candidates(LocalDate day) {
        TreeSet<Instant> instants = new TreeSet<>();
        instants.add(day.atStartOfDay(zone).toInstant());
        for (MaintenanceInterval interval : intervals) {
            for (int minute : interval.edges()) {
                if (minute >= MaintenanceInterval.DAY) {
                    instants.add(day.plusDays(1).atStartOfDay(zone).toInstant());
                } else {
                    ZonedDateTime at = ZonedDateTime.of(day, LocalTime.ofSecondOfDay(minute * 60L), zone);
                    instants.add(at.withEarlierOffsetAtOverlap().toInstant());
                    instants.add(at.withLaterOffsetAtOverlap().toInstant());
                }
            }
        }
        ZoneOffsetTransition change = zone.getRules().nextTransition(day.atStartOfDay(zone).toInstant());
        if (change != null && change.getInstant().isBefore(day.plusDays(1).atStartOfDay(zone).toInstant())) {
            instants.add(change.getInstant());
        }
        return instants;
    }

    @Override
    public String toString() {
        return "maintenance window \"" + name + "\"";
    }
}
