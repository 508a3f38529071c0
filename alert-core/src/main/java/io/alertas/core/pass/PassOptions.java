package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * How to run one pass: which alerts ({@code only} empty means every active one), whether to send
 * ({@code dryRun} evaluates and reports what would be sent, sends nothing and changes no state), and the
 * instant every time decision is made as of ({@code now}, empty for the clock's).
 */
public record PassOptions(Set<String> only, boolean dryRun, Optional<Instant> now) {

    public PassOptions {
        only = Set.copyOf(requireNonNull(only, "only is null"));
        requireNonNull(now, "now is null");
    }

    /** Every active alert, sending for real, as of the clock. */
    public static PassOptions all() {
        return new PassOptions(Set.of(), false, Optional.empty());
    }

    public PassOptions only(Set<String> names) {
        return new PassOptions(names, dryRun, now);
    }

    public PassOptions dryRun(boolean dryRun) {
        return new PassOptions(only, dryRun, now);
    }

    public PassOptions at(Instant instant) {
        return new PassOptions(only, dryRun, Optional.of(instant));
    }
}
