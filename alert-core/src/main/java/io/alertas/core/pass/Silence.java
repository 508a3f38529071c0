package io.alertas.core.pass;

import java.time.Instant;

/**
 * A silence: alert {@code alert()}'s notifications for {@code key()} (every key when it is null) are not sent
 * from {@code from()} until {@code until()}; {@code muted()} counts the firings it held back. Only
 * {@code key()} may be null.
 */
public interface Silence {

    /** Its id, which {@code unsilence} takes. */
    String id();

    String alert();

    String key();

    Instant from();

    Instant until();

    /** Why it was set; empty when no reason was given. */
    String reason();

    int muted();

    /** What it held back, in words: "no firing was muted", "1 firing was muted", "3 firings were muted". */
    String mutedFirings();

    /** The key as people read it: the key, or "every key". */
    String scope();
}
