package io.alertas.core.internal.media;

import java.time.Duration;

/**
 * A medium whose receiver ends what it was told after a while unless told again (Alertmanager's {@code endsAt}):
 * an alert whose throttle holds repeats back longer than that would be ended there while it still fires.
 */
public interface Leased {

    /** How long what this medium sends stays in force at its receiver unless sent again. */
    Duration lease();
}
