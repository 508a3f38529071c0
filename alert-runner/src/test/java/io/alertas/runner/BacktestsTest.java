package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alertas.core.pass.Backtest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a backtest is shown (a progress bar redrawn in place, ended with a new line) and when it is refused as too long. */
class BacktestsTest {

    @Test
    void theProgressBarIsRedrawnInPlaceAndEndsItsLineWhenDone() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        Backtest.Progress bar = new Backtests(Instant.EPOCH, Instant.EPOCH.plus(Duration.ofHours(8)), Duration.ofMinutes(1), 480)
                .progressBar(new PrintStream(terminal, true, StandardCharsets.UTF_8));

        bar.windows(240, 480);
        bar.windows(480, 480);

        assertEquals("\r[###############               ] 240/480 windows"
                + "\r[##############################] 480/480 windows" + System.lineSeparator(),
                terminal.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBacktestPastAMillionWindowsRunsOnlyWhenForced() {
        Backtests year = new Backtests(Instant.EPOCH, Instant.EPOCH.plus(Duration.ofDays(730)), Duration.ofMinutes(1), 1_051_200);

        assertThrows(IllegalArgumentException.class, () -> year.refuseIfTooLong(1, false));
        year.refuseIfTooLong(1, true);
        new Backtests(Instant.EPOCH, Instant.EPOCH.plus(Duration.ofDays(365)), Duration.ofMinutes(1), 525_600)
                .refuseIfTooLong(1, false);
    }
}
