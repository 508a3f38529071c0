package io.alertas.core.internal.media;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The identity of one alert's key at a paging service, which deduplicates and later resolves by it. */
public final class Keys {

    private Keys() {
    }

    /**
     * {@code alert/key} (the alert alone for a notification without findings), or, when that is longer than
     * {@code max}, the alert and a hash of the key, so that it stays one stable identity.
     */
    public static String identity(String alert, String key, int max) {
        String identity = key.isEmpty() ? alert : alert + "/" + key;
        if (identity.length() <= max) {
            return identity;
        }
        String hashed = "/" + sha256(key);
        return alert.substring(0, Math.min(alert.length(), max - hashed.length())) + hashed;
    }

    /**
     * {@code key} itself, or, when it is longer than {@code max} characters, its head and a hash of the whole,
     * so that two long keys that start alike stay two identities.
     */
    public static String bounded(String key, int max) {
        if (key.length() <= max) {
            return key;
        }
        String hashed = "/" + sha256(key);
        return Cut.chars(key, max - hashed.length()) + hashed;
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
