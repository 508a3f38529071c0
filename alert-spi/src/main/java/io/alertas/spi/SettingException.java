package io.alertas.spi;

import static java.util.Objects.requireNonNull;

/**
 * A medium's setting is missing or wrong. {@code field} names the key inside the medium's section (for
 * example {@code "webhook_url"} or {@code "smtp.port"}), so the loader can point at its line and column;
 * the message says what is expected of it, without naming it (the loader puts the section and field in
 * front: {@code slack: "webhook_url" must be an https URL}), and never quotes a secret value.
 */
public final class SettingException extends Exception {

    private final String field;

    public SettingException(String field, String message) {
        super(requireNonNull(message, "message is null"));
        this.field = requireNonNull(field, "field is null");
    }

    /** The dotted path of the setting inside the medium's section. */
    public String field() {
        return field;
    }
}
