package io.alertas.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * How a document's value compares with a query's, as Elasticsearch compares them once the value is indexed: a number
 * as a number (a term {@code "4688"} finds 4688 and a keyword "4688" finds the term 4688), any other value as its
 * text; case folded character by character to lower case (Locale-free, as Elasticsearch's case-insensitive term,
 * prefix and wildcard queries fold each character; letters beyond the Basic Multilingual Plane are not folded).
 */
final class Values {

    private Values() {
    }

    /** The text Elasticsearch indexes for a scalar: a keyword as written, a number or boolean as JSON writes it. */
    static String text(JsonNode value) {
        return value.asText();
    }

    /** {@code text} with each UTF-16 unit lower-cased on its own ({@link #fold(char)}), so that its length stays. */
    static String fold(String text) {
        char[] folded = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char lower = fold(c);
            if (lower != c && folded == null) {
                folded = text.toCharArray();
            }
            if (folded != null) {
                folded[i] = lower;
            }
        }
        return folded == null ? text : new String(folded);
    }

    /** One UTF-16 unit lower-cased; ASCII without a table lookup, as most of what is matched is ASCII. */
    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }

    /** Whether {@code held}, folded, equals {@code folded} (already folded), without copying {@code held}. */
    static boolean equalsFolded(String folded, String held) {
        return held.length() == folded.length() && startsWithFolded(held, folded);
    }

    /** Whether {@code held}, folded, starts with {@code folded} (already folded), without copying {@code held}. */
    static boolean startsWithFolded(String held, String folded) {
        if (held.length() < folded.length()) {
            return false;
        }
        for (int i = 0; i < folded.length(); i++) {
            if (fold(held.charAt(i)) != folded.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The number a value holds or spells (a keyword "4688", " 12" not), or null. */
    static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.isBigDecimal() || value.isIntegralNumber() ? value.decimalValue()
                    : Double.isFinite(value.doubleValue()) ? new BigDecimal(value.asText()) : null;
        }
        return value.isTextual() ? number(value.asText()) : null;
    }

    static BigDecimal number(String text) {
        int length = text.length();
        if (length == 0 || length > 40) {
            return null;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
                return null;
            }
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
