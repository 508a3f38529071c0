package io.alertas.core.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the engine spent its time, by phase, since it was built: what {@code run --timings} prints after the
 * runner's own phases. Thread-safe. A phase
 * counts the wall time during which at least one of its parts was under way: batches searched at once count
 * once. Phases can overlap (evaluations start while later batches are still searched), so their sum can exceed
 * the run's wall time.
 */
public final class Timings {

    /** The engine's phases, in the order they happen. */
    public enum Phase {
        CONFIG("config"), CLIENT("TLS and client"), STATE_READ("state read"), QUERIES("queries"), EVALUATION("evaluation"), DELIVERY("delivery"),
        STATE_WRITES("state writes");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A body whose time is counted. */
    public interface Timed<T, E extends Exception> {
        T run() throws E;
    }

    /** One phase's count: its parts under way now, since when, and the time counted so far. */
    private static final class Stopwatch {
        private int underWay;
        private long since;
        private long nanos;

        synchronized void begin() {
            if (underWay++ == 0) {
                since = System.nanoTime();
            }
        }

        synchronized void end() {
            if (--underWay == 0) {
                nanos += System.nanoTime() - since;
            }
        }

        synchronized void add(long more) {
            nanos += more;
        }

        synchronized long nanos() {
            return nanos;
        }
    }

    private final Map<Phase, Stopwatch> stopwatches = new EnumMap<>(Phase.class);

    public Timings() {
        for (Phase phase : Phase.values()) {
            stopwatches.put(phase, new Stopwatch());
        }
    }

    /** Adds {@code took} to {@code phase}. */
    public void add(Phase phase, Duration took) {
        stopwatches.get(phase).add(took.toNanos());
    }

    /** Runs {@code body}, counting its time to {@code phase} whether it returns or throws. */
    public <T, E extends Exception> T time(Phase phase, Timed<T, E> body) throws E {
        Stopwatch stopwatch = stopwatches.get(phase);
        stopwatch.begin();
        try {
            return body.run();
        } finally {
            stopwatch.end();
        }
    }

    /** The time counted to {@code phase}. */
    public Duration of(Phase phase) {
        return Duration.ofNanos(stopwatches.get(phase).nanos());
    }

    /** The time counted to each phase, by its label, in the order the phases happen. */
    public Map<String, Duration> byLabel() {
        Map<String, Duration> times = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            times.put(phase.label(), of(phase));
        }
        return Collections.unmodifiableMap(times);
    }
}
