package io.alertas.spi.rules;

import java.util.Locale;

/** How rules write their numbers in messages. */
final class Format {

    private Format() {
    }

    /** A whole number without decimals, other numbers with at most two: "5", "0.95", "3.33". */
    static String number(double n) {
        if (n == Math.rint(n) && Math.abs(n) < 1e15) {
            return Long.toString((long) n);
        }
        String text = String.format(Locale.ROOT, "%.2f", n);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** "1 event", "3 events". */
    static String events(long n) {
        return n + (n == 1 ? " event" : " events");
    }
}
