package io.alertas.core.internal.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeapShareTest {

    private static final long MB = 1 << 20;

    @Test
    void onASmallHeapAnAnswerMayTakeASixteenthOfItAndTheStateAnEighth() {
        assertEquals(32 * MB, HeapShare.ANSWER.bytes(512 * MB), "a 2 GB host's default heap");
        assertEquals(64 * MB, HeapShare.STATE.bytes(512 * MB));
    }

    @Test
    void onALargeHeapTheCapIsTheUpperBound() {
        assertEquals(256 * MB, HeapShare.ANSWER.bytes(16384 * MB));
        assertEquals(256 * MB, HeapShare.STATE.bytes(4096 * MB));
    }
}
