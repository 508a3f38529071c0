package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A digest being gathered: what {@code alert} fired on {@code medium} in the period from {@code start} to
 * {@code end}, to be sent as one notification by the first pass at or after {@code end}: {@code keys} keys kept
 * and {@code firings} firings in all.
 */
public record GatheredDigest(String alert, String medium, Instant start, Instant end, int keys, long firings) {

    public GatheredDigest {
        requireNonNull(alert, "alert is null");
        requireNonNull(medium, "medium is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
    }
}
