package io.alertas.core.internal.files;

/**
 * How much of the heap one thing read whole and then parsed into a tree (several times its size) may take.
 * Larger than its share, it would run the runner out of memory and fail far more than itself; past its share
 * it is refused by name instead. Each share is a part of {@link Runtime#maxMemory()}, at most a fixed cap.
 */
public enum HeapShare {

    /** A cluster's answer: a sixteenth, so that it and its tree take about a third of the heap. */
    ANSWER(16, "a sixteenth"),
    /** The state file: an eighth; it is read alone, before anything else of the pass. */
    STATE(8, "an eighth");

    /** The most either may have on any heap. */
    static final long CAP = 256L << 20;

    private final int part;
    private final String said;

    HeapShare(int part, String said) {
        this.part = part;
        this.said = said;
    }

    /** The most bytes it may have in this JVM. */
    public long bytes() {
        return bytes(Runtime.getRuntime().maxMemory());
    }

    /** The most bytes it may have with a heap of {@code maxMemory} bytes. */
    long bytes(long maxMemory) {
        return Math.min(CAP, maxMemory / part);
    }

    /** The share as a limit is said: "32 MB (a sixteenth of the runner's heap, at most 256 MB)". */
    @Override
    public String toString() {
        return RegularFiles.size(bytes()) + " (" + said + " of the runner's heap, at most " + RegularFiles.size(CAP) + ")";
    }
}
