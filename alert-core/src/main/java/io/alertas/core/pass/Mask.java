package io.alertas.core.pass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The configuration's secrets as a mask: every text that leaves the process (a log line, a line printed, a
 * metric's label, a page) passes it, and comes out with each secret replaced by {@code [secret]}.
 */
public interface Mask {

    /** Masks nothing: what a text passes before a configuration is read. */
    Mask NONE = new Mask() {
        @Override
        public String mask(String text) {
            return text;
        }

        @Override
        public JsonNode mask(JsonNode tree) {
            return tree.deepCopy();
        }
    };

    /** {@code text} with every secret masked; null stays null. */
    String mask(String text);

    /** A copy of {@code tree} with every string value masked; its structure and field names stay as they are. */
    JsonNode mask(JsonNode tree);
}
