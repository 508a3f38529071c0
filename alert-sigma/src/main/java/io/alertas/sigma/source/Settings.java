package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.SettingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** How sigma.json's values are read: each of the wrong shape is a {@link SettingException} naming its field. */
final class Settings {

    /** Longer texts than this are no setting anyone writes; said so rather than carried along. */
    private static final int MAX_TEXT = 4096;

    private Settings() {
    }

    /** Refuses a key of {@code object} that is not one of {@code known}. */
    static void known(JsonNode object, String field, Set<String> known) throws SettingException {
        object(object, field);
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new SettingException(dotted(field, name), "is not a setting here; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** Refuses what is not an object. */
    static void object(JsonNode value, String field) throws SettingException {
        if (!value.isObject()) {
            throw new SettingException(field, "must be an object");
        }
    }

    /** A string, or a list of strings, as a list; empty when {@code value} is missing. */
    static List<String> strings(JsonNode value, String field) throws SettingException {
        List<String> strings = new ArrayList<>();
        if (value == null || value.isMissingNode()) {
            return strings;
        }
        if (value.isTextual()) {
            strings.add(text(value, field));
            return strings;
        }
        if (!value.isArray()) {
            throw new SettingException(field, "must be a string or a list of strings");
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new SettingException(field + "." + i, "must be a string");
            }
            strings.add(text(value.get(i), field + "." + i));
        }
        return strings;
    }

    /** A string, or null when {@code value} is missing. */
    static String string(JsonNode value, String field) throws SettingException {
        if (value == null || value.isMissingNode()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new SettingException(field, "must be a string");
        }
        return text(value, field);
    }

    private static String text(JsonNode value, String field) throws SettingException {
        String text = value.asText();
        if (text.length() > MAX_TEXT) {
            throw new SettingException(field, "is longer than " + MAX_TEXT + " characters");
        }
        if (text.isBlank()) {
            throw new SettingException(field, "must not be empty");
        }
        return text;
    }

    static String dotted(String field, String name) {
        return field.isEmpty() ? name : field + "." + name;
    }
}
