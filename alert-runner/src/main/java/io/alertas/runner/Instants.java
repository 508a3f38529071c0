package io.alertas.runner;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as the runner's lines show them to people: ISO-8601 UTC to the second; JSON keeps them whole. */
final class Instants {

    private Instants() {
    }

    /** {@code instant} to the second, such as 2026-12-08T01:52:20Z; "-" when null. */
    static String text(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
