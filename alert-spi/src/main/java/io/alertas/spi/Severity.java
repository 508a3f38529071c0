package io.alertas.spi;

import java.util.Locale;

/** How urgent a notification is; shown in its title and used by media to pick colours. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** The lower-case name used in configuration files and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a severity from its label, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted labels when {@code label} is none of them
     */
    public static Severity fromLabel(String label) {
        for (Severity severity : values()) {
            if (severity.label().equalsIgnoreCase(label)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("must be one of \"info\", \"warning\", \"critical\"");
    }
}
