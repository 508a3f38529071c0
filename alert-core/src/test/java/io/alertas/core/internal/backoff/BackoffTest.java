package io.alertas.core.internal.backoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

    private static HttpHeaders retryAfter(String value) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(value)), (name, v) -> true);
    }

    @Test
    void waitsDoubleWithJitterUpToTheCap() {
        Backoff backoff = new Backoff(5, Duration.ofMillis(1000), Duration.ofSeconds(3));
        for (int i = 0; i < 50; i++) {
            long first = backoff.wait(1, Optional.empty()).toMillis();
            long second = backoff.wait(2, Optional.empty()).toMillis();
            assertTrue(first >= 800 && first <= 1200, first + " ms");
            assertTrue(second >= 1600 && second <= 2400, second + " ms");
            assertEquals(Duration.ofSeconds(3), backoff.wait(4, Optional.empty()), "8 s capped at 3 s");
        }
        assertEquals(Duration.ofSeconds(3), backoff.wait(1, Optional.of(Duration.ofHours(1))), "a Retry-After is capped too");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), Backoff.retryAfter(retryAfter("120"), NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), Backoff.retryAfter(retryAfter("Wed, 21 Oct 2026 07:29:30 GMT"), NOW));
        assertEquals(Optional.of(Duration.ZERO), Backoff.retryAfter(retryAfter("Wed, 21 Oct 2026 07:00:00 GMT"), NOW));
        assertEquals(Optional.empty(), Backoff.retryAfter(retryAfter("soon"), NOW));
        assertEquals(Optional.empty(), Backoff.retryAfter(HttpHeaders.of(Map.of(), (name, v) -> true), NOW));
    }

    @Test
    void retriesWhatMaySucceedAndStopsAtWhatWillNot() throws Exception {
        Backoff backoff = new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(5));
        AtomicInteger calls = new AtomicInteger();

        String result = backoff.run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("busy");
            }
            return "done";
        }, e -> true, e -> Optional.empty());
        assertEquals("done", result);
        assertEquals(3, calls.get());

        calls.set(0);
        IOException spent = assertThrows(IOException.class, () -> backoff.run(() -> {
            calls.incrementAndGet();
            throw new IOException("busy " + calls.get());
        }, e -> true, e -> Optional.empty()));
        assertEquals("busy 3", spent.getMessage(), "the last failure, after every attempt");

        calls.set(0);
        assertThrows(IOException.class, () -> backoff.run(() -> {
            calls.incrementAndGet();
            throw new IOException("refused");
        }, e -> false, e -> Optional.empty()));
        assertEquals(1, calls.get(), "a failure that will not pass is not tried again");
    }

    @Test
    void withADeadlineItNeverWaitsPastItNorForARetryAfterBeyondTheCap() {
        Backoff backoff = new Backoff(3, Duration.ofMillis(200), Duration.ofSeconds(30));
        AtomicInteger calls = new AtomicInteger();
        long soon = System.nanoTime() + Duration.ofMillis(100).toNanos();

        assertThrows(IOException.class, () -> backoff.run(() -> {
            calls.incrementAndGet();
            throw new IOException("busy");
        }, e -> true, e -> Optional.empty(), soon));
        assertEquals(1, calls.get(), "a 200 ms wait would end past the deadline: not made");

        calls.set(0);
        long later = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long started = System.nanoTime();
        assertThrows(IOException.class, () -> backoff.run(() -> {
            calls.incrementAndGet();
            throw new IOException("rate limited");
        }, e -> true, e -> Optional.of(Duration.ofHours(1)), later));
        assertEquals(1, calls.get(), "an hour's Retry-After is kept for later, not waited for as 30 s");
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(1).toNanos());
    }
}
