package io.alertas.core.internal.operations;

/**
 * When a key is flapping: its state changed (fired, or resolved) at least {@code changes} times in its last
 * {@code windows} windows. {@link #NONE} never marks one.
 */
public record Flapping(int changes, int windows) {

    public static final Flapping NONE = new Flapping(0, 0);
    /** The most windows a key's changes are counted over: a day of one-minute passes. */
    public static final int MOST_WINDOWS = 1440;

    public Flapping {
        if (changes < 0 || windows < 0) {
            throw new IllegalArgumentException("changes and windows must not be negative");
        }
    }

    /** Whether the alert watches its keys for flapping. */
    public boolean watched() {
        return changes > 0;
    }
}
