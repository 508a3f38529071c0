package io.alertas.sigma.rule;

import java.io.Reader;
import java.io.StringReader;

/**
 * A text's reader that fills a buffer short by one character. snakeyaml 2.3, which Jackson's YAML module reads
 * with, reads the low half of a surrogate pair (an emoji) into the place after a full buffer when the high half
 * ends it, and fails with an IndexOutOfBoundsException; SigmaHQ has rules about emoji on command lines.
 */
final class RoomyReader extends Reader {

    private final StringReader text;

    RoomyReader(String text) {
        this.text = new StringReader(text);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws java.io.IOException {
        return text.read(buffer, offset, length > 1 ? length - 1 : length);
    }

    @Override
    public void close() {
        text.close();
    }
}
