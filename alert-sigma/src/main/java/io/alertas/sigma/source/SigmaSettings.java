package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.mapping.Mappings;
import io.alertas.spi.SettingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * sigma.json, read and checked: where the rules are (files or folders, relative to the config dir), which are
 * selected, the mapping (and the installation's own file laid over it), the placeholders' values and the overrides
 * by rule id or alert name.
 */
record SigmaSettings(List<Path> rules, Selection selection, Mappings mappings, Map<String, List<String>> placeholders,
        Map<String, RuleOverride> overrides) {

    static final String DEFAULT_MAPPING = "ecs_windows";
    private static final Set<String> KEYS = Set.of("rules", "select", "mapping", "mapping_file", "placeholders",
            "overrides");

    static SigmaSettings read(JsonNode settings, Path configDir) throws SettingException {
        Settings.known(settings, "", KEYS);
        if (!settings.has("rules")) {
            throw new SettingException("rules", "is missing: give the rule files or folders, such as"
                    + " [\"/opt/sigma/rules/windows\"]");
        }
        List<String> given = Settings.strings(settings.get("rules"), "rules");
        if (given.isEmpty()) {
            throw new SettingException("rules", "must name at least one rule file or folder");
        }
        List<Path> rules = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            rules.add(existing(configDir, given.get(i), settings.get("rules").isArray() ? "rules." + i : "rules"));
        }
        return new SigmaSettings(rules, Selection.read(settings.path("select")), mappings(settings, configDir),
                placeholders(settings.path("placeholders")), overrides(settings.path("overrides")));
    }

    private static Path existing(Path configDir, String given, String field) throws SettingException {
        Path path;
        try {
            path = configDir.resolve(given).normalize();
        } catch (InvalidPathException e) {
            throw new SettingException(field, "is not a path: " + e.getReason());
        }
        if (!Files.exists(path)) {
            throw new SettingException(field, "does not exist: " + path);
        }
        return path;
    }

    private static Mappings mappings(JsonNode settings, Path configDir) throws SettingException {
        String name = Settings.string(settings.path("mapping"), "mapping");
        Mappings mappings;
        try {
            mappings = Mappings.named(name == null ? DEFAULT_MAPPING : name);
        } catch (IllegalArgumentException e) {
            throw new SettingException("mapping", "must be one of the built-in mappings: "
                    + String.join(", ", Mappings.names()) + " (an installation's own goes in mapping_file)");
        }
        String file = Settings.string(settings.path("mapping_file"), "mapping_file");
        if (file == null) {
            return mappings;
        }
        Path path = existing(configDir, file, "mapping_file");
        if (!Files.isRegularFile(path)) {
            throw new SettingException("mapping_file", "must be a file: " + path);
        }
        try {
            return mappings.overriddenBy(path);
        } catch (IllegalArgumentException e) {
            throw new SettingException("mapping_file", e.getMessage());
        }
    }

    private static Map<String, List<String>> placeholders(JsonNode value) throws SettingException {
        Map<String, List<String>> placeholders = new LinkedHashMap<>();
        if (value.isMissingNode()) {
            return placeholders;
        }
        Settings.object(value, "placeholders");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            placeholders.put(entry.getKey(), List.copyOf(Settings.strings(entry.getValue(),
                    "placeholders." + entry.getKey())));
        }
        return placeholders;
    }

    private static Map<String, RuleOverride> overrides(JsonNode value) throws SettingException {
        Map<String, RuleOverride> overrides = new LinkedHashMap<>();
        if (value.isMissingNode()) {
            return overrides;
        }
        Settings.object(value, "overrides");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            overrides.put(entry.getKey(), RuleOverride.read(entry.getValue(), "overrides." + entry.getKey()));
        }
        return overrides;
    }
}
