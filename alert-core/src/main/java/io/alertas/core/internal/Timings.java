package io.alertas.core.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a run of the runner spent its time, by phase: what {@code run --timings} prints. Thread-safe; phases
 * that run at once (the searches of several batches, several evaluators) add up, so their sum can exceed the
 * wall time.
 */
public final class Timings {

    /** The phases of one run, in the order they happen. */
    public enum Phase {
        START("JVM start to main"), LOGGING("logging"), PLUGINS("plugins"), CONFIG("config"), CLIENT("TLS and client"),
        STATE_READ("state read"), QUERIES("queries"), EVALUATION("evaluation"), DELIVERY("delivery"),
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

    private final Map<Phase, LongAdder> nanos = new EnumMap<>(Phase.class);

    public Timings() {
        for (Phase phase : Phase.values()) {
            nanos.put(phase, new LongAdder());
        }
    }

    /** Adds {@code took} to {@code phase}. */
    public void add(Phase phase, Duration took) {
        nanos.get(phase).add(took.toNanos());
    }

    /** Runs {@code body}, counting its time to {@code phase} whether it returns or throws. */
    public <T, E extends Exception> T time(Phase phase, Timed<T, E> body) throws E {
        long started = System.nanoTime();
        try {
            return body.run();
        } finally {
            nanos.get(phase).add(System.nanoTime() - started);
        }
    }

    /** The time counted to {@code phase}. */
    public Duration of(Phase phase) {
        return Duration.ofNanos(nanos.get(phase).sum());
    }
}
