package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an evaluator decided about one response: stay quiet, or fire with a message and, optionally,
 * per-key findings.
 *
 * <p>Made by the factories. {@code message} is empty when quiet and never blank when fired; {@code findings}
 * is never null and is empty when quiet. An alert that reports findings is throttled per finding key;
 * one that reports none is throttled as a whole.
 */
public final class Evaluation {

    private static final Evaluation QUIET = new Evaluation(false, "", List.of(), null);
    private static final int MESSAGE_KEYS = 10;

    private final boolean fired;
    private final String message;
    private final List<Finding> findings;
    private final JsonNode memory;

    private Evaluation(boolean fired, String message, List<Finding> findings, JsonNode memory) {
        this.fired = fired;
        this.message = requireNonNull(message, "message is null");
        this.findings = List.copyOf(requireNonNull(findings, "findings is null"));
        if (fired && message.isBlank()) {
            throw new IllegalArgumentException("a fired evaluation needs a message");
        }
        if (memory != null && !memory.isObject()) {
            throw new IllegalArgumentException("memory must be a JSON object");
        }
        this.memory = memory == null ? null : memory.deepCopy();
    }

    /**
     * This evaluation, and what the alert keeps for its next pass ({@link AlertContext#memory()}), such as
     * the last value seen per key. It replaces what was remembered; it is kept only when the pass records
     * this window (not in a dry run, nor when the state cannot be written), so the memory and the window move
     * together.
     */
    public Evaluation remembering(JsonNode memory) {
        return new Evaluation(fired, message, findings, requireNonNull(memory, "memory is null"));
    }

    /** What the alert keeps for its next pass; empty when it keeps what it had. */
    public Optional<JsonNode> memory() {
        return Optional.ofNullable(memory).map(JsonNode::deepCopy);
    }

    /** Whether the alert fired. */
    public boolean fired() {
        return fired;
    }

    /** The message (for an alert with findings, the summary); empty when quiet. */
    public String message() {
        return message;
    }

    /** The findings, in the evaluator's order; empty when quiet or for an alert reported as a whole. */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * The message of a notification that delivers {@code delivered}, some or all of these findings: the
     * summary, then the keys of those delivered (ten at most, then "and N more"), and of no other.
     */
    public String message(List<Finding> delivered) {
        return naming(message, delivered);
    }

    /** {@code summary}, then the keys of {@code delivered} (ten at most, then "and N more"), if any. */
    public static String naming(String summary, List<Finding> delivered) {
        if (delivered.isEmpty()) {
            return summary;
        }
        return summary + ": " + Responses.list(delivered.stream().map(Finding::key).toList(), MESSAGE_KEYS);
    }

    /** Nothing to report. */
    public static Evaluation quiet() {
        return QUIET;
    }

    /** Fire with one message for the alert as a whole. */
    public static Evaluation fire(String message) {
        return new Evaluation(true, message, List.of(), null);
    }

    /**
     * Fire with a summary and the findings it is about; quiet when {@code findings} is empty. The summary
     * names no finding, such as {@code "Privileged accounts logged on"}: a notification adds the keys of the
     * findings it delivers ({@code "Privileged accounts logged on: alice, bob"}), which are fewer than all of
     * them when some keys are still throttled.
     */
    public static Evaluation fire(String message, List<Finding> findings) {
        return findings.isEmpty() ? QUIET : new Evaluation(true, message, findings, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Evaluation e && fired == e.fired && message.equals(e.message) && findings.equals(e.findings)
                && Objects.equals(memory, e.memory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fired, message, findings, memory);
    }

    @Override
    public String toString() {
        return fired ? "fired: " + message + (findings.isEmpty() ? "" : " " + findings) : "quiet";
    }
}
