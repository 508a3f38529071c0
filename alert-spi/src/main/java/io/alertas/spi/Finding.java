package io.alertas.spi;

import static java.util.Objects.requireNonNull;

/**
 * One thing an alert found, such as one user or one host, with the text a person reads.
 *
 * <p>The {@code key} identifies what the finding is about (a user name, a host and mount point, an IP);
 * the throttle works per alert and key, so one user's finding does not silence another's. Neither part is
 * null; the key is never blank. Two findings with the same key and text are equal.
 */
public final class Finding {

    private final String key;
    private final String text;

    private Finding(String key, String text) {
        this.key = requireNonNull(key, "key is null");
        this.text = requireNonNull(text, "text is null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key is blank");
        }
    }

    /**
     * A finding about {@code key}, such as {@code Finding.of("alice", "3 failed logons on dc01")}.
     *
     * @throws IllegalArgumentException when the key is blank
     */
    public static Finding of(String key, String text) {
        return new Finding(key, text);
    }

    /** What the finding is about; the throttle's key. */
    public String key() {
        return key;
    }

    /** What a person reads about it. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Finding f && key.equals(f.key) && text.equals(f.text);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + text.hashCode();
    }

    @Override
    public String toString() {
        return key + ": " + text;
    }
}
