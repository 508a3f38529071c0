package io.alertas.core.internal.operations;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final List<BitSet> minutes;

    public MaintenanceWindow(String name, ZoneId zone, List<MaintenanceInterval> intervals, Set<String> media) {
        this.name = requireNonNull(name, "name is null");
        this.zone = requireNonNull(zone, "zone is null");
        this.intervals = List.copyOf(intervals);
        this.media = Set.copyOf(media);
        this.minutes = this.intervals.stream().map(MaintenanceInterval::minutes).toList();
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
        return new Days().inForce(instant);
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
     * at midnight, where a day's minutes in force begin or end, or at a change of the zone's offset: those
     * instants of each day are tried in order, day after day, for {@link #SEARCH_DAYS} days at most. Each day's
     * minutes are merged once from its intervals, so a day costs its intervals and the stretches in force it has
     * (at most 720), whatever the number of times the intervals give.
     */
    private Optional<Instant> next(Instant after, boolean starting) {
        Days days = new Days();
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
            for (Instant candidate : candidates(day, days.minutes(day))) {
                if (candidate.isAfter(after) && days.inForce(candidate) == starting
                        && days.inForce(candidate.minusNanos(1)) != starting) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The instants of {@code day}, whose minutes in force are {@code held}, at which the window may change, in order. */
    private TreeSet<Instant> candidates(LocalDate day, BitSet held) {
        TreeSet<Instant> instants = new TreeSet<>();
        instants.add(day.atStartOfDay(zone).toInstant());
        for (int start = held.nextSetBit(0); start >= 0; start = held.nextSetBit(held.nextClearBit(start))) {
            for (int minute : new int[] {start, held.nextClearBit(start)}) {
                if (minute < MaintenanceInterval.DAY) {
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

    /** The minutes in force of the local days a search looks at, each merged once from the intervals that hold that day. */
    private final class Days {
        private final Map<LocalDate, BitSet> merged = new HashMap<>();

        boolean inForce(Instant instant) {
            ZonedDateTime local = instant.atZone(zone);
            return minutes(local.toLocalDate()).get(local.toLocalTime().toSecondOfDay() / 60);
        }

        BitSet minutes(LocalDate day) {
            return merged.computeIfAbsent(day, d -> {
                BitSet held = new BitSet(MaintenanceInterval.DAY);
                for (int i = 0; i < intervals.size(); i++) {
                    if (intervals.get(i).holdsOn(d)) {
                        held.or(minutes.get(i));
                    }
                }
                return held;
            });
        }
    }

    @Override
    public String toString() {
        return "maintenance window \"" + name + "\"";
    }
}
