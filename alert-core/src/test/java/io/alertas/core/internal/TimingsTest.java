package io.alertas.core.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TimingsTest {

    @Test
    void partsOfAPhaseUnderWayAtOnceCountOnce() throws Exception {
        Timings timings = new Timings();
        CyclicBarrier bothUnderWay = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        long started = System.nanoTime();
        try {
            List<Future<Object>> batches = threads.invokeAll(List.of(
                    () -> timings.time(Timings.Phase.QUERIES, () -> search(bothUnderWay)),
                    () -> timings.time(Timings.Phase.QUERIES, () -> search(bothUnderWay))));
            for (Future<Object> batch : batches) {
                batch.get();
            }
        } finally {
            threads.shutdown();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);

        Duration counted = timings.of(Timings.Phase.QUERIES);
        assertTrue(counted.compareTo(Duration.ofMillis(100)) >= 0, "each batch took 100 ms: " + counted);
        assertTrue(counted.compareTo(wall) <= 0, "two batches at once count their wall time, " + wall + ", not their sum: " + counted);
    }

    private static Object search(CyclicBarrier bothUnderWay) throws Exception {
        bothUnderWay.await();
        Thread.sleep(100);
        return null;
    }
}
