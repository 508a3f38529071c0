package io.alertas.spi;

import static java.util.Objects.requireNonNull;

/**
 * One thing an alert found, such as one user or one host, with the text a person reads.
 *
 * <p>The {@code key} identifies what the finding is about (a user name, a host and mount point, an IP);
 * the throttle works per alert and key, so one user's finding does not silence another's. Neither field
 * is null; the key must not be blank.
 */
public record Finding(String key, String text) {

    public Finding {
        requireNonNull(key, "key is null");
        requireNonNull(text, "text is null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key is blank");
        }
    }
}
