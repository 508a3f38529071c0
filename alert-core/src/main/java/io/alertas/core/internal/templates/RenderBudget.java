package io.alertas.core.internal.templates;

import java.io.IOException;
import java.io.Writer;
import java.util.function.Consumer;

/**
 * What one rendering may cost: at most {@link #MAX_CHARS} characters written and {@link #MAX_TURNS} turns of a
 * section, so that a template's work is bounded by what it may output, whatever it nests. Past either, the
 * rendering stops with {@link Template.TooLarge}.
 */
final class RenderBudget extends Writer {

    /** Far above any medium's own limit (Slack's 4,000 characters, Teams' 28 KB), far below a heap's size. */
    static final int MAX_CHARS = 1 << 20;
    static final int MAX_TURNS = 100_000;

    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

    private final StringBuilder out = new StringBuilder();
    private int turns;

    /** Runs {@code render} into a new budget and returns what it wrote. */
    static String render(Consumer<Writer> render) {
        RenderBudget budget = new RenderBudget();
        RenderBudget outer = CURRENT.get();
        CURRENT.set(budget);
        try {
            render.accept(budget);
            return budget.out.toString();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** One turn of a section in the rendering under way on this thread. */
    static void turn() {
        RenderBudget budget = CURRENT.get();
        if (budget != null && ++budget.turns > MAX_TURNS) {
            throw new Template.TooLarge("turns its sections more than " + MAX_TURNS + " times");
        }
    }

    /** Every other write of {@link Writer} comes here. */
    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        if (out.length() + length > MAX_CHARS) {
            throw new Template.TooLarge("renders more than " + MAX_CHARS + " characters");
        }
        out.append(chars, offset, length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
