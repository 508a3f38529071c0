package io.alertas.core.internal;

import io.alertas.core.pass.PassReport.AlertOutcome;
import io.alertas.core.pass.PassReport.Status;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Window;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** An alert with its outcome in a pass and, when it failed, the exception for the log. */
record Evaluated(Alert alert, AlertOutcome outcome, Throwable cause) {

    /** {@code alert} failed in {@code window} (null when it failed before its window was known) for {@code error}. */
    static Evaluated failed(Alert alert, Window window, String error, Throwable cause) {
        return new Evaluated(alert, new AlertOutcome(alert.name(), Status.FAILED, window, null, error), cause);
    }

    /** What the evaluator decided, or how it failed: it threw, it took longer than {@code timeout}, it returned null. */
    static Evaluated judged(Alert alert, Window window, Evaluation evaluation, Throwable failure, Duration timeout) {
        if (failure != null) {
            Throwable cause = unwrapped(failure);
            return failed(alert, window, cause instanceof TimeoutException
                    ? "evaluator did not finish within " + timeout.toMillis() + " ms" : "evaluator threw " + cause, cause);
        }
        if (evaluation == null) {
            return failed(alert, window, "evaluator returned null; it must return Evaluation.quiet() or Evaluation.fire(...)",
                    null);
        }
        Status status = evaluation.fired() ? Status.FIRED : Status.QUIET;
        return new Evaluated(alert, new AlertOutcome(alert.name(), status, window, evaluation, null), null);
    }

    /** The exception a future failed with, not its wrapper. */
    static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
