package io.alertas.runner;

/** A count with its noun, singular for one: "1 pass", "3 passes". */
final class Counts {

    private Counts() {
    }

    /** {@code n} and {@code one} when n is 1, else {@code n} and {@code many}. */
    static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
