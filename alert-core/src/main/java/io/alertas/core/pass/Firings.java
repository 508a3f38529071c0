package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each alert fired, read from the history: per alert (by name, in name order), the count of its
 * {@code fired} documents in each {@code bucket} from {@code from} on, oldest first; alerts that did not fire
 * are left out.
 */
public record Firings(Instant from, Duration bucket, Map<String, List<Long>> perAlert) {

    public Firings {
        requireNonNull(from, "from is null");
        requireNonNull(bucket, "bucket is null");
        Map<String, List<Long>> copy = new LinkedHashMap<>();
        perAlert.forEach((alert, counts) -> copy.put(alert, List.copyOf(counts)));
        perAlert = Collections.unmodifiableMap(copy);
    }
}
