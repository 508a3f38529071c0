package io.alertas.core.internal.state;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A silence: alert {@code alert}'s notifications for {@code key} (every key when it is null) are not sent
 * from {@code from} until {@code until}; {@code muted} counts the firings it held back.
 */
public record Silence(String id, String alert, String key, Instant from, Instant until, String reason, int muted)
        implements io.alertas.core.pass.Silence {
    public Silence {
        requireNonNull(id, "id is null");
        requireNonNull(alert, "alert is null");
        requireNonNull(from, "from is null");
        requireNonNull(until, "until is null");
        requireNonNull(reason, "reason is null");
    }

    /** Whether it mutes {@code key} of {@code alert} at {@code now}. */
    public boolean mutes(String alert, String key, Instant now) {
        return this.alert.equals(alert) && (this.key == null || this.key.equals(key))
                && !now.isBefore(from) && now.isBefore(until);
    }

    @Override
    public String mutedFirings() {
        return muted == 0 ? "no firing was muted" : muted == 1 ? "1 firing was muted" : muted + " firings were muted";
    }

    @Override
    public String scope() {
        return key == null ? "every key" : "key \"" + key + "\"";
    }
}
