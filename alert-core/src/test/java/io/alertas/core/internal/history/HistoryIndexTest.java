package io.alertas.core.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which daily indices the retention deletes: by the date in the name, only whole days past it, only the history's own. */
class HistoryIndexTest {

    @Test
    void onlyDailyIndicesOfThisHistoryWhoseWholeDayIsPastTheRetentionExpire() {
        HistoryIndex index = new HistoryIndex(null, "alertas-history", Duration.ofDays(30));
        Instant now = Instant.parse("2026-06-01T10:00:00Z");

        assertEquals("alertas-history-2026.06.01", index.daily(now));
        assertEquals(List.of("alertas-history-2025.12.31", "alertas-history-2026.05.01"), index.expired(List.of(
                "alertas-history-2026.05.02", "alertas-history-2026.05.01", "alertas-history-2025.12.31",
                "alertas-history-eu-2020.01.01", "alertas-history-2026.13.01", "alertas-history-2020.1.1",
                "alertas-history", "logs-2020.01.01", "alertas-history-2026.06.01"), now));
    }
}
