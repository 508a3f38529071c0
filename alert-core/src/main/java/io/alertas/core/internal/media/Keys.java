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
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String hashed = "/" + HexFormat.of().formatHex(hash);
            return alert.substring(0, Math.min(alert.length(), max - hashed.length())) + hashed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
