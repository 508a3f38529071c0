package io.alertas.core.throttle;

import static java.util.Objects.requireNonNull;

import io.alertas.core.spi.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one pass hands the next: per alert its window checkpoint and, per medium and key, when a
 * notification was last delivered and how many firings the throttle held back since; and the
 * notifications still waiting to be delivered. Not thread-safe: a pass uses it from one thread.
 */
public final class State {

    private static final String WHOLE_ALERT = "";

    private final Map<String, Instant> checkpoints = new TreeMap<>();
    private final Map<String, Map<String, Map<String, Throttle>>> throttles = new TreeMap<>();
    private final Map<String, Instant> quietUntil = new TreeMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private String warning;
    private Instant passAt;

    /** When a notification on one medium for one key was last delivered, and what was held back since. */
    public record Throttle(Instant deliveredAt, int suppressed) {
        public Throttle {
            requireNonNull(deliveredAt, "deliveredAt is null");
        }
    }

    /** A notification that a medium has not accepted yet. */
    public record Pending(String medium, Notification notification, Instant firstFailedAt, int attempts,
            String lastError) {
        public Pending {
            requireNonNull(medium, "medium is null");
            requireNonNull(notification, "notification is null");
            requireNonNull(firstFailedAt, "firstFailedAt is null");
            requireNonNull(lastError, "lastError is null");
        }

        /** The alert it is about. */
        public String alert() {
            return notification.alert();
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

    /** Whether a delivery for {@code key} on {@code medium} is recent enough to keep it quiet at {@code now}. */
    public boolean throttled(String alert, String medium, String key, Duration period, Instant now) {
        Throttle t = throttle(alert, medium, key);
        Instant until = quietUntil.get(alert);
        return t != null && now.isBefore(t.deliveredAt().plus(period)) || until != null && now.isBefore(until);
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

    /** Counts one firing held back by the throttle. */
    public void suppress(String alert, String medium, String key) {
        Throttle t = throttle(alert, medium, key);
        if (t != null) {
            put(alert, medium, key, new Throttle(t.deliveredAt(), t.suppressed() + 1));
        }
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

    public void queue(Pending delivery) {
        pending.add(requireNonNull(delivery, "delivery is null"));
    }

    public void dequeue(Pending delivery) {
        pending.remove(delivery);
    }

    /** The instant of the pass using this state, from which a store judges what has grown old. */
    public Optional<Instant> passAt() {
        return Optional.ofNullable(passAt);
    }

    public void passAt(Instant instant) {
        this.passAt = requireNonNull(instant, "instant is null");
    }

    /** What went wrong reading the stored state, if anything, so the pass can say it loudly. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    void warning(String warning) {
        this.warning = warning;
    }

    Throttle throttle(String alert, String medium, String key) {
        return throttles.getOrDefault(alert, Map.of()).getOrDefault(medium, Map.of()).get(key);
    }

    void put(String alert, String medium, String key, Throttle throttle) {
        throttles.computeIfAbsent(alert, a -> new TreeMap<>())
                .computeIfAbsent(medium, m -> new TreeMap<>())
                .put(key, throttle);
    }
}
