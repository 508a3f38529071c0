package io.alertas.core.internal;

import io.alertas.core.pass.PassReport;

/**
 * A step run after each real pass (never after a dry run or a backtest's), such as writing the pass's history:
 * it reads the report and returns it, with warnings added for what it could not do. It never fails the pass,
 * and returns within what is left of the pass's timeout.
 */
@FunctionalInterface
public interface AfterPass {

    /** {@code report}, with what this step warns of. */
    PassReport after(PassReport report);
}
