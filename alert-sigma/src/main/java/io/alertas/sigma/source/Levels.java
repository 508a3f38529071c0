package io.alertas.sigma.source;

import io.alertas.spi.Severity;
import java.util.Locale;

/**
 * A Sigma level as an Alertas severity: informational and low are info, medium is warning, high and critical are
 * critical; a rule without a level is a warning.
 */
final class Levels {

    private Levels() {
    }

    static Severity severity(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "informational", "low" -> Severity.INFO;
            case "high", "critical" -> Severity.CRITICAL;
            default -> Severity.WARNING;
        };
    }
}
