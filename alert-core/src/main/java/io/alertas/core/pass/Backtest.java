package io.alertas.core.pass;

import java.util.List;

/**
 * A backtest ready to run: the passes cron would have run over a range of history, each a real pass over its
 * window whose notifications count as delivered in a state of the backtest's own. Nothing is sent and no
 * stored state is read or written.
 */
public interface Backtest {

    /** How far a backtest got: windows replayed of all. */
    interface Progress {
        void windows(long done, long total);
    }

    /** How many windows each alert is replayed over. */
    long windows();

    /** How many alerts are replayed. */
    int alerts();

    /** Replays every window, telling {@code progress} after each batch; one replay per alert. */
    List<Replay> run(Progress progress);
}
