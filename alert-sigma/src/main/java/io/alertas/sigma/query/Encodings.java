package io.alertas.sigma.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The encodings of {@code |base64}, {@code |base64offset} and the UTF-16 modifiers. A value is held as the bytes
 * it stands for; UTF-16 modifiers change those bytes, base64 turns them into text.
 */
final class Encodings {

    /** How many characters of each offset's encoding depend on the bytes before the value, at its start... */
    private static final int[] START_CUT = {0, 2, 3};
    /** ...and on the bytes after it, at its end, by the value's length (plus offset) modulo 3. */
    private static final int[] END_CUT = {0, 3, 2};

    private Encodings() {
    }

    static byte[] utf16le(byte[] text) {
        return new String(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE);
    }

    static byte[] utf16be(byte[] text) {
        return new String(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16BE);
    }

    /** UTF-16 little-endian after its byte order mark, as Windows writes "Unicode" files. */
    static byte[] utf16(byte[] text) {
        byte[] body = utf16le(text);
        byte[] marked = new byte[body.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(body, 0, marked, 2, body.length);
        return marked;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The three texts that hold {@code bytes} wherever they fall in a longer base64 text: the value encoded after
     * 0, 1 and 2 bytes of padding, cut of the characters that the unknown bytes around it would change.
     */
    static List<String> base64Offsets(byte[] bytes) {
        List<String> texts = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            String encoded = base64(shifted);
            int end = encoded.length() - END_CUT[(bytes.length + offset) % 3];
            texts.add(encoded.substring(START_CUT[offset], Math.max(START_CUT[offset], end)));
        }
        return texts;
    }
}
