package io.alertas.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an evaluator decided about one response: stay quiet, or fire with a message and, optionally,
 * per-key findings.
 *
 * <p>Use the factories. {@code message} is empty when quiet and never blank when fired; {@code findings}
 * is never null and is empty when quiet. An alert that reports findings is throttled per finding key;
 * one that reports none is throttled as a whole.
 */
public record Evaluation(boolean fired, String message, List<Finding> findings) {

    private static final Evaluation QUIET = new Evaluation(false, "", List.of());

    public Evaluation {
        requireNonNull(message, "message is null");
        findings = List.copyOf(requireNonNull(findings, "findings is null"));
        if (fired && message.isBlank()) {
            throw new IllegalArgumentException("a fired evaluation needs a message");
        }
        if (!fired && (!message.isEmpty() || !findings.isEmpty())) {
            throw new IllegalArgumentException("a quiet evaluation has no message and no findings");
        }
    }

    /** Nothing to report. */
    public static Evaluation quiet() {
        return QUIET;
    }

    /** Fire with one message for the alert as a whole. */
    public static Evaluation fire(String message) {
        return new Evaluation(true, message, List.of());
    }

    /** Fire with a summary message and the findings it is about; quiet when {@code findings} is empty. */
    public static Evaluation fire(String message, List<Finding> findings) {
        return findings.isEmpty() ? QUIET : new Evaluation(true, message, findings);
    }
}
