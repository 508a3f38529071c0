package io.alertas.plugins.infra;

import java.util.Locale;

/** Metricbeat writes usage as fractions (0.2053 = 20.53 %); people read percentages. */
final class Percent {

    private Percent() {
    }

    static String of(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
