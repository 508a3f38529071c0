package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.MediumProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the media of credentials.json: a section per kind ({@code "slack": {...}}, named after its kind), and
 * the named ones of the {@code "media"} section ({@code "media": {"secops": {"type": "slack", ...}}}), which
 * allow several of one kind. Each is matched to the provider of its kind; {@link Wiring} then builds them.
 */
final class MediaSections {

    /** The sections of credentials.json that are not one medium each. */
    private static final List<String> SECTIONS = List.of("elasticsearch", "state", "history", "monitoring", "media");

    private MediaSections() {
    }

    /** The media sections of {@code credentials} (the whole file, with the environment read in). */
    static List<Wiring.MediumSection> read(SettingReader credentials, List<MediumProvider> providers,
            List<String> warnings) {
        Map<String, MediumProvider> byName = byName(providers, warnings);
        JsonNode resolved = credentials.object();
        List<Wiring.MediumSection> media = new ArrayList<>();
        for (Iterator<String> it = resolved.fieldNames(); it.hasNext(); ) {
            String section = it.next();
            if (SECTIONS.contains(section)) {
                continue;
            }
            MediumProvider provider = byName.get(section);
            if (provider == null) {
                credentials.problem(section, "unknown section \"" + section + "\"; known: " + String.join(", ", SECTIONS)
                        + ", " + String.join(", ", byName.keySet()));
                continue;
            }
            JsonNode settings = resolved.get(section);
            if (!settings.isObject()) {
                credentials.problem(section, "\"" + section + "\" must be an object");
                continue;
            }
            media.add(new Wiring.MediumSection(section, "/" + section, provider, settings));
        }
        SettingReader named = credentials.child("media");
        if (!named.object().isMissingNode() && !named.object().isObject()) {
            named.problem("\"media\" must be an object of named media, such as"
                    + " {\"secops-slack\": {\"type\": \"slack\", \"webhook_url\": \"...\"}}");
            return media;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = named.object().fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            SettingReader medium = named.child(name);
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                medium.problem("medium \"" + name + "\": a name is letters, digits, '_', '.' and '-'");
                continue;
            }
            if (resolved.has(name)) {
                medium.problem("medium \"" + name + "\" is also a section of its own; give one of them another name");
                continue;
            }
            JsonNode settings = medium.object();
            MediumProvider provider = byName.get(settings.path("type").asText());
            if (!settings.isObject() || provider == null) {
                medium.problem("type", "medium \"" + name + "\" needs a \"type\": one of "
                        + String.join(", ", byName.keySet()));
                continue;
            }
            media.add(new Wiring.MediumSection(name, medium.at(), provider, ((ObjectNode) settings).deepCopy().without("type")));
        }
        return media;
    }

    /** The providers by the kind they make; of two with one name, the first, and a warning for the other. */
    private static Map<String, MediumProvider> byName(List<MediumProvider> providers, List<String> warnings) {
        Map<String, MediumProvider> byName = new LinkedHashMap<>();
        for (MediumProvider provider : providers) {
            MediumProvider first = byName.putIfAbsent(provider.name(), provider);
            if (first != null && first.getClass() != provider.getClass()) {
                warnings.add("medium kind \"" + provider.name() + "\" of " + provider.getClass().getName()
                        + " is ignored: " + first.getClass().getName() + " came first with that name; rename one of them");
            }
        }
        return byName;
    }
}
