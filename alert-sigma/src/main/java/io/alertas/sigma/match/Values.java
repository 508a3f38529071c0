package io.alertas.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * How a document's value compares with a query's, as Elasticsearch compares them once the value is indexed: a number
 * as a number (a term {@code "4688"} finds 4688 and a keyword "4688" finds the term 4688), any other value as its
 * text; case folded per code point to lower case (Locale-free, as Elasticsearch's case-insensitive term, prefix and
 * wildcard queries fold each character).
 */
final class Values {

    private Values() {
    }

    /** The text Elasticsearch indexes for a scalar: a keyword as written, a number or boolean as JSON writes it. */
    static String text(JsonNode value) {
        return value.asText();
    }

    /** {@code text} with each code point lower-cased on its own, so that the length in code points stays. */
    static String fold(String text) {
        StringBuilder folded = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int lower = Character.toLowerCase(c);
            if (lower != c && folded == null) {
                folded = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (folded != null) {
                folded.appendCodePoint(lower);
            }
            i += Character.charCount(c);
        }
        return folded == null ? text : folded.toString();
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
