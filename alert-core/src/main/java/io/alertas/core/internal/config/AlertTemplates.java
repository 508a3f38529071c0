package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.templates.MediumTemplates;
import io.alertas.core.internal.templates.Template;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an alert's {@code "templates"}: per medium it sends to, a {@code "title"} and a {@code "body"}, each a
 * Mustache template over the notification's fields.
 */
final class AlertTemplates {

    private static final List<String> KEYS = List.of("title", "body");

    private AlertTemplates() {
    }

    /** The templates of the alert whose {@code settings} these are, and which sends to {@code media}. */
    static Map<String, MediumTemplates> read(SettingReader settings, List<String> media) {
        JsonNode given = settings.object().path("templates");
        if (given.isMissingNode()) {
            return Map.of();
        }
        SettingReader all = settings.child("templates");
        if (!given.isObject()) {
            all.problem("\"templates\" must be an object of media, such as {\"slack\": {\"title\": \"{{alert}} on {{cluster}}\"}}");
            return Map.of();
        }
        Map<String, MediumTemplates> templates = new LinkedHashMap<>();
        for (Iterator<String> it = given.fieldNames(); it.hasNext(); ) {
            String medium = it.next();
            SettingReader one = all.child(medium);
            if (!media.contains(medium)) {
                one.problem("a template for medium \"" + medium + "\", which this alert does not send to; it sends to: "
                        + String.join(", ", media));
                continue;
            }
            if (!one.object().isObject()) {
                one.problem("must be an object of \"title\" and \"body\"");
                continue;
            }
            one.unknown("template", KEYS);
            templates.put(medium, new MediumTemplates(template(one, "title"), template(one, "body")));
        }
        return templates;
    }

    private static Template template(SettingReader templates, String key) {
        JsonNode source = templates.object().get(key);
        if (source == null) {
            return null;
        }
        if (!source.isTextual()) {
            templates.problem(key, "\"" + key + "\" must be a template string");
            return null;
        }
        try {
            return Template.text(key, source.asText());
        } catch (Template.Invalid e) {
            templates.problem(key, "\"" + key + "\" " + e.getMessage());
            return null;
        }
    }
}
