package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.spi.SettingException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Which rules become alerts: each part given must hold (a list means any of its values); by default every rule
 * but the deprecated and unsupported ones. Values compare without regard to case; {@code paths} are globs on the
 * rule file's path, whole or below the folder it was found in.
 */
record Selection(List<String> status, List<String> level, List<String> product, List<String> category,
        List<String> service, List<String> tags, List<String> ids, List<PathMatcher> paths) {

    private static final Set<String> KEYS = Set.of("status", "level", "product", "category", "service", "tags", "ids",
            "paths");
    private static final List<String> LEFT_OUT = List.of("deprecated", "unsupported");
    private static final int MAX_GLOB = 1024;
    /** The words of Sigma's specification, so that a misspelt one is not a selection of nothing. */
    private static final List<String> STATUSES = List.of("stable", "test", "experimental", "deprecated", "unsupported");
    private static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    /** Every rule whose status is neither deprecated nor unsupported. */
    static final Selection DEFAULT = new Selection(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of());

    static Selection read(JsonNode select) throws SettingException {
        if (select.isMissingNode()) {
            return DEFAULT;
        }
        Settings.known(select, "select", KEYS);
        List<PathMatcher> paths = new ArrayList<>();
        List<String> globs = Settings.strings(select.path("paths"), "select.paths");
        for (int i = 0; i < globs.size(); i++) {
            paths.add(glob(globs.get(i), "select.paths" + (select.path("paths").isArray() ? "." + i : "")));
        }
        return new Selection(words(select, "status", STATUSES), words(select, "level", LEVELS), lower(select, "product"),
                lower(select, "category"), lower(select, "service"), lower(select, "tags"), lower(select, "ids"), paths);
    }

    private static List<String> words(JsonNode select, String key, List<String> known) throws SettingException {
        List<String> words = lower(select, key);
        for (int i = 0; i < words.size(); i++) {
            if (!known.contains(words.get(i))) {
                throw new SettingException("select." + key + (select.path(key).isArray() ? "." + i : ""),
                        "must be one of " + String.join(", ", known));
            }
        }
        return words;
    }

    private static List<String> lower(JsonNode select, String key) throws SettingException {
        return Settings.strings(select.path(key), "select." + key).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static PathMatcher glob(String glob, String field) throws SettingException {
        if (glob.length() > MAX_GLOB) {
            throw new SettingException(field, "is longer than " + MAX_GLOB + " characters");
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            throw new SettingException(field, "is not a glob like \"**/process_creation/**\": check its brackets"
                    + " and braces near character " + e.getIndex());
        }
    }

    /** Whether {@code rule}, read from {@code file} ({@code relative} below the folder given), is selected. */
    boolean test(SigmaRule rule, Path file, Path relative) {
        String ruleStatus = rule.status().toLowerCase(Locale.ROOT);
        boolean statusOk = status.isEmpty() ? !LEFT_OUT.contains(ruleStatus)
                : status.contains(ruleStatus);
        return statusOk
                && any(level, rule.level())
                && any(product, rule.logSource() == null ? null : rule.logSource().product())
                && any(category, rule.logSource() == null ? null : rule.logSource().category())
                && any(service, rule.logSource() == null ? null : rule.logSource().service())
                && (tags.isEmpty() || rule.tags().stream().anyMatch(t -> tags.contains(t.toLowerCase(Locale.ROOT))))
                && (ids.isEmpty() || ids.contains(rule.id().toLowerCase(Locale.ROOT)))
                && (paths.isEmpty() || paths.stream().anyMatch(m -> m.matches(file) || m.matches(relative)));
    }

    private static boolean any(List<String> wanted, String value) {
        return wanted.isEmpty() || value != null && wanted.contains(value.toLowerCase(Locale.ROOT));
    }
}
