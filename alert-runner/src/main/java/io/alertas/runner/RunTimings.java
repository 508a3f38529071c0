package io.alertas.runner;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@code run --timings} prints: the runner's own phases (from the JVM's start to main, the logging set-up,
 * the plugin discovery), then the engine's as it counted them, one a row, and their sum.
 */
final class RunTimings {

    /** The runner's phases, in the order they happen. */
    enum Phase {
        START("JVM start to main"), LOGGING("logging"), PLUGINS("plugins");

        private final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    private final Map<Phase, Duration> phases = new EnumMap<>(Phase.class);

    /** Runs {@code body}, counting its time to {@code phase}. */
    <T> T time(Phase phase, Supplier<T> body) {
        long started = System.nanoTime();
        try {
            return body.get();
        } finally {
            phases.merge(phase, Duration.ofNanos(System.nanoTime() - started), Duration::plus);
        }
    }

    /** Counts the time from this process's launch to {@code entered}, in ms since the epoch, to the start phase. */
    void entered(long entered) {
        phases.put(Phase.START, Duration.ofMillis(entered - launched()));
    }

    /** The table's rows: the runner's phases, then {@code engine}'s (by label, in order), then the sum. */
    List<String[]> rows(Map<String, Duration> engine) {
        List<String[]> rows = new ArrayList<>();
        Duration sum = Duration.ZERO;
        for (Phase phase : Phase.values()) {
            Duration took = phases.getOrDefault(phase, Duration.ZERO);
            sum = sum.plus(took);
            rows.add(new String[] {"timings", phase.label, took.toMillis() + " ms"});
        }
        for (Map.Entry<String, Duration> phase : engine.entrySet()) {
            sum = sum.plus(phase.getValue());
            rows.add(new String[] {"timings", phase.getKey(), phase.getValue().toMillis() + " ms"});
        }
        rows.add(new String[] {"timings", "sum", sum.toMillis() + " ms"});
        return rows;
    }

    /**
     * When this process was launched, in ms since the epoch: bin/alertas passes the time it started java
     * ({@code alertas.launched}); otherwise the JVM's own start, which leaves out the launcher's work.
     */
    private static long launched() {
        String launched = System.getProperty("alertas.launched");
        if (launched != null && launched.matches("\\d{13,}")) {
            return Long.parseLong(launched.substring(0, 13));
        }
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
