package io.alertas.core.internal.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one pass hands the next: per alert its window checkpoint (with what its evaluator remembers), what it
 * last did (run, fired, failed) and, per medium and key, when a notification was last delivered and how many
 * firings the throttle held back since; per key of an alert with {@code fire_after} or {@code resolve_after},
 * its run of firing or quiet windows; the silences; the notifications still waiting to be delivered; and the
 * last pass of each runner. Not thread-safe: a pass uses it from one thread.
 */
public final class State {

    private static final String WHOLE_ALERT = "";
    /** How long a throttle not renewed, or a checkpoint not moved, is kept before a store prunes it. */
    public static final Duration RETENTION = Duration.ofDays(30);
    /** How far ahead of a pass a stored instant may be (clocks of two hosts differ) before it is taken as bad. */
    static final Duration AHEAD = Duration.ofDays(1);

    private final Map<String, Instant> checkpoints = new TreeMap<>();
    private final Map<String, Map<String, Map<String, Throttle>>> throttles = new TreeMap<>();
    private final Map<String, Instant> quietUntil = new TreeMap<>();
    private final Map<String, JsonNode> memories = new TreeMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Activity> activity = new TreeMap<>();
    private final Map<String, Map<String, Episode>> episodes = new TreeMap<>();
    private final Map<String, Silence> silences = new TreeMap<>();
    private final Map<String, PassRecord> passes = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final Kept kept = new Kept();
    private Instant passAt;
    private String setAside;
    private StateMask mask = StateMask.NONE;

    /** When a notification on one medium for one key was last delivered, and what was held back since. */
    public record Throttle(Instant deliveredAt, int suppressed) {
        public Throttle {
            requireNonNull(deliveredAt, "deliveredAt is null");
            if (suppressed < 0) {
                throw new IllegalArgumentException("suppressed is negative");
            }
        }
    }

    /**
     * A notification that a medium has not accepted yet, with the summary its message began with, so that
     * it can be told again without the findings that were delivered in the meantime. {@code accepted} holds
     * the keys of its findings that the medium took before it failed (a paging service takes one event per
     * finding), which are not sent again; {@code notBefore}, when the receiver asked to wait (Retry-After), is
     * when it may be tried again, or null.
     */
    public record Pending(String medium, Notification notification, String summary, Instant firstFailedAt,
            int attempts, String lastError, Set<String> accepted, Instant notBefore) {
        public Pending {
            requireNonNull(medium, "medium is null");
            requireNonNull(notification, "notification is null");
            requireNonNull(summary, "summary is null");
            requireNonNull(firstFailedAt, "firstFailedAt is null");
            requireNonNull(lastError, "lastError is null");
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts is negative");
            }
            accepted = Set.copyOf(accepted);
        }

        /** A notification none of whose findings was accepted, that may be tried at once. */
        public Pending(String medium, Notification notification, String summary, Instant firstFailedAt, int attempts,
                String lastError) {
            this(medium, notification, summary, firstFailedAt, attempts, lastError, Set.of(), null);
        }

        /** The alert it is about. */
        public String alert() {
            return notification.alert();
        }
    }

    /**
     * What an alert last did: when it last ran (was evaluated or failed), last fired, and last failed and why;
     * {@code lastFired}, {@code lastFailedAt} and {@code lastError} are null when it never did.
     */
    public record Activity(Instant lastRun, Instant lastFired, Instant lastFailedAt, String lastError) {
        public Activity {
            requireNonNull(lastRun, "lastRun is null");
        }

        /** Whether its last run failed. */
        public boolean failing() {
            return lastRun.equals(lastFailedAt);
        }
    }

    /**
     * One key of an alert between its first firing and its resolution: how many windows in a row it fired
     * ({@code firing}, 0 once it went quiet) or stayed quiet ({@code quiet}), when it last fired, and the media
     * told of it, which a resolved notification goes to.
     */
    public record Episode(int firing, int quiet, Instant lastFired, Set<String> told) {
        public Episode {
            requireNonNull(lastFired, "lastFired is null");
            told = Collections.unmodifiableSet(new TreeSet<>(told));
        }
    }

    /**
     * The last pass of one runner (a host): when, how long it took, whether it succeeded, when one last did,
     * and how many passes it ran and how many of them failed.
     */
    public record PassRecord(String runner, Instant at, Duration took, boolean succeeded, Instant lastSuccess,
            long passes, long failed) {
        public PassRecord {
            requireNonNull(runner, "runner is null");
            requireNonNull(at, "at is null");
            requireNonNull(took, "took is null");
            if (took.isNegative()) {
                throw new IllegalArgumentException("took is negative");
            }
            if (passes < 0 || failed < 0 || failed > passes) {
                throw new IllegalArgumentException("of " + passes + " passes, " + failed + " failed");
            }
        }
    }

    /** The key the throttle uses for alerts that report no findings. */
    public static String wholeAlert() {
        return WHOLE_ALERT;
    }

    /** The end of the last window of {@code alert} that was fully evaluated and delivered or queued. */
    public Optional<Instant> checkpoint(String alert) {
        return Optional.ofNullable(checkpoints.get(alert));
    }

    public void checkpoint(String alert, Instant end) {
        checkpoints.put(requireNonNull(alert, "alert is null"), requireNonNull(end, "end is null"));
    }

    /** What the evaluator of {@code alert} remembered with its checkpoint (a rule's last values, say), if anything. */
    public Optional<JsonNode> memory(String alert) {
        return Optional.ofNullable(memories.get(alert)).map(JsonNode::deepCopy);
    }

    /**
     * Keeps what the evaluator of {@code alert} remembers; stored with its checkpoint and pruned with it, and
     * cut to its {@link Budgets budget} with a warning.
     */
    public void memory(String alert, JsonNode memory) {
        requireNonNull(memory, "memory is null");
        if (!memory.isObject()) {
            throw new IllegalArgumentException("the memory of alert \"" + alert + "\" must be a JSON object");
        }
        memories.put(requireNonNull(alert, "alert is null"), Budgets.memory(alert, memory, this::warn).deepCopy());
    }

    /** Whether a delivery for {@code key} on {@code medium} is recent enough to keep it quiet at {@code now}. */
    public boolean throttled(String alert, String medium, String key, Duration period, Instant now) {
        Throttle t = throttle(alert, medium, key);
        Instant until = quietUntil.get(alert);
        return t != null && quiet(t.deliveredAt(), period, now) || until != null && now.isBefore(until);
    }

    /** The throttle's one predicate: whether a delivery at {@code deliveredAt} keeps its key quiet at {@code now}. */
    static boolean quiet(Instant deliveredAt, Duration period, Instant now) {
        return now.isBefore(deliveredAt.plus(period));
    }

    /** Keeps {@code alert} quiet on every medium until {@code until}: how the seed's countdown is carried over. */
    public void quietUntil(String alert, Instant until) {
        quietUntil.put(requireNonNull(alert, "alert is null"), requireNonNull(until, "until is null"));
    }

    /** Alerts kept quiet by a countdown carried over from the seed's state file. Read-only. */
    public Map<String, Instant> quietUntil() {
        return Collections.unmodifiableMap(quietUntil);
    }

    /** How many firings were held back for {@code key} on {@code medium} since its last delivery. */
    public int suppressed(String alert, String medium, String key) {
        Throttle t = throttle(alert, medium, key);
        return t == null ? 0 : t.suppressed();
    }

    /** Counts one firing held back by the throttle (the count stops at {@link Integer#MAX_VALUE}). */
    public void suppress(String alert, String medium, String key) {
        Throttle t = throttle(alert, medium, key);
        if (t != null && t.suppressed() < Integer.MAX_VALUE) {
            put(alert, medium, key, new Throttle(t.deliveredAt(), t.suppressed() + 1));
        }
    }

    /** Takes the deliveries that {@code claim} found other runners made, so that the throttle and its counts follow them. */
    public void learn(StateStore.Claim claim) {
        claim.elsewhere().forEach((key, throttle) -> put(claim.alert(), claim.medium(), key, throttle));
    }

    /** Records a delivery: {@code key} on {@code medium} is quiet for its throttle period from {@code at}. */
    public void delivered(String alert, String medium, String key, Instant at) {
        put(alert, medium, key, new Throttle(at, 0));
    }

    /** Every throttle entry: alert → medium → key → throttle. Read-only. */
    public Map<String, Map<String, Map<String, Throttle>>> throttles() {
        return Collections.unmodifiableMap(throttles);
    }

    /** Every checkpoint by alert. Read-only. */
    public Map<String, Instant> checkpoints() {
        return Collections.unmodifiableMap(checkpoints);
    }

    /** Notifications still to deliver, oldest first. Read-only; change it with {@link #queue} and {@link #dequeue}. */
    public List<Pending> pending() {
        return Collections.unmodifiableList(pending);
    }

    /**
     * Adds a notification to deliver later, within {@link Budgets}: cut to size, and folded into the one that
     * already waits for the same alert, medium and kind, so that a medium that stays down keeps one per alert.
     */
    public void queue(Pending delivery) {
        Pending kept = Budgets.kept(mask.pending(requireNonNull(delivery, "delivery is null")));
        for (Pending waiting : List.copyOf(pending)) {
            if (Budgets.oneSlot(waiting, kept)) {
                pending.remove(waiting);
                kept = Budgets.kept(Budgets.folded(waiting, kept));
            }
        }
        pending.add(kept);
    }

    public void dequeue(Pending delivery) {
        pending.remove(delivery);
    }

    /** What each alert last did, by alert. Read-only. */
    public Map<String, Activity> activity() {
        return Collections.unmodifiableMap(activity);
    }

    public void activity(String alert, Activity activity) {
        this.activity.put(requireNonNull(alert, "alert is null"), mask.activity(requireNonNull(activity, "activity is null")));
    }

    /** Notes that {@code alert} ran at {@code at}: fired or not, or failed with {@code error} (null when it did not). */
    public void ran(String alert, Instant at, boolean fired, String error) {
        Activity last = activity.get(alert);
        activity(alert, new Activity(at, fired ? at : last == null ? null : last.lastFired(),
                error != null ? at : last == null ? null : last.lastFailedAt(),
                error != null ? error : last == null ? null : last.lastError()));
    }

    /** The keys of {@code alert} between their first firing and their resolution. Read-only. */
    public Map<String, Episode> episodes(String alert) {
        return Collections.unmodifiableMap(episodes.getOrDefault(alert, Map.of()));
    }

    /** Every alert's episodes: alert → key → episode. Read-only. */
    public Map<String, Map<String, Episode>> episodes() {
        return Collections.unmodifiableMap(episodes);
    }

    /** Sets the episode of {@code key}, or ends it when {@code episode} is null. */
    public void episode(String alert, String key, Episode episode) {
        if (episode == null) {
            episodes.computeIfPresent(alert, (a, keys) -> {
                keys.remove(key);
                return keys.isEmpty() ? null : keys;
            });
        } else {
            episodes.computeIfAbsent(requireNonNull(alert, "alert is null"), a -> new TreeMap<>())
                    .put(requireNonNull(key, "key is null"), episode);
        }
    }

    /** Every silence by id, ended or not. Read-only. */
    public Map<String, Silence> silences() {
        return Collections.unmodifiableMap(silences);
    }

    /** Adds or replaces a silence. */
    public void silence(Silence silence) {
        silences.put(silence.id(), mask.silence(silence));
    }

    /** Removes a silence and returns it, or null when there is none of that id. */
    public Silence unsilence(String id) {
        return silences.remove(id);
    }

    /** The silence that mutes {@code key} of {@code alert} at {@code now}, if one does. */
    public Optional<Silence> silencing(String alert, String key, Instant now) {
        return silences.values().stream().filter(s -> s.mutes(alert, key, now)).findFirst();
    }

    /** What the parts beside the core keep: digests, flapping, maintenance windows. */
    public Kept kept() {
        return kept;
    }

    /** The last pass of each runner, by runner. Read-only. */
    public Map<String, PassRecord> passes() {
        return Collections.unmodifiableMap(passes);
    }

    public void passed(PassRecord record) {
        passes.put(record.runner(), record);
    }

    /** Forgets the throttle of {@code key} on {@code medium}: after a resolved notification, a new firing is told at once. */
    public void unthrottle(String alert, String medium, String key) {
        Optional.ofNullable(throttles.getOrDefault(alert, Map.of()).get(medium)).ifPresent(keys -> keys.remove(key));
    }

    /** From now on keeps every text and key it is given as {@code mask} says: with no secret of the configuration. */
    public void mask(StateMask mask) {
        this.mask = requireNonNull(mask, "mask is null");
    }

    /** The instant of the pass using this state, from which a store judges what has grown old. */
    public Optional<Instant> passAt() {
        return Optional.ofNullable(passAt);
    }

    /**
     * Sets the instant of the pass using this state, and brings back to it what was stored as later than it
     * by more than a day: a checkpoint or a delivery from the future would keep an alert silent until then.
     * Each such repair is said as a warning naming the alert and key.
     */
    public void passAt(Instant instant) {
        this.passAt = requireNonNull(instant, "instant is null");
        Instant latest = instant.plus(AHEAD);
        checkpoints.replaceAll((alert, end) -> {
            if (end.isAfter(latest)) {
                warn("alert \"" + alert + "\": its checkpoint " + end + " is after this pass; it reads from "
                        + instant + " on");
                return instant;
            }
            return end;
        });
        throttles.forEach((alert, media) -> media.forEach((medium, keys) -> keys.replaceAll((key, t) -> {
            if (t.deliveredAt().isAfter(latest)) {
                warn("alert \"" + alert + "\", key \"" + key + "\" on " + medium + ": delivered at " + t.deliveredAt()
                        + ", after this pass; its throttle counts from " + instant);
                return new Throttle(instant, t.suppressed());
            }
            return t;
        })));
    }

    /**
     * What went wrong reading the stored state, and what was cut to keep it within its budgets, if anything,
     * so the pass can say it.
     */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** Why the stored state was set aside and this one started empty, if it was; the pass then fails loudly. */
    public Optional<String> setAside() {
        return Optional.ofNullable(setAside);
    }

    void setAside(String why) {
        this.setAside = requireNonNull(why, "why is null");
    }

    void warn(String warning) {
        warnings.add(requireNonNull(warning, "warning is null"));
    }

    Throttle throttle(String alert, String medium, String key) {
        return throttles.getOrDefault(alert, Map.of()).getOrDefault(medium, Map.of()).get(key);
    }

    /** Sets a throttle; past the {@link Budgets budget} of keys, the oldest are forgotten with a warning. */
    void put(String alert, String medium, String key, Throttle throttle) {
        Map<String, Throttle> keys = throttles.computeIfAbsent(alert, a -> new TreeMap<>())
                .computeIfAbsent(medium, m -> new TreeMap<>());
        keys.put(key, throttle);
        Budgets.trim(alert, medium, keys, this::warn);
    }
}
