package io.alertas.core.internal.files;

/**
 * How much of the heap one thing read whole and then parsed into a tree (several times its size) may take:
 * a cluster's answer, the state file. Larger than its share, it would run the runner out of memory and fail
 * far more than itself; past its share it is refused by name instead.
 */
public final class HeapShare {

    /**
     * An answer: a sixteenth of the heap, so that it and its tree take about a third of it, beside the pass
     * and the other answers being read.
     */
    public static final int ANSWER = 16;
    /** The state: an eighth of the heap; it is read alone, before anything else of the pass. */
    public static final int STATE = 8;

    private HeapShare() {
    }

    /** The most bytes one thing may have in this JVM: its {@code part} of the heap, and at most {@code cap}. */
    public static long of(long cap, int part) {
        return of(cap, part, Runtime.getRuntime().maxMemory());
    }

    /** The most bytes one thing may have with a heap of {@code maxMemory} bytes: its {@code part}, at most {@code cap}. */
    static long of(long cap, int part, long maxMemory) {
        return Math.min(cap, maxMemory / part);
    }
}
