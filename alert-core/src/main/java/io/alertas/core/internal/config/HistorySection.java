package io.alertas.core.internal.config;

import io.alertas.core.internal.history.HistorySetting;
import io.alertas.core.internal.state.StateSetting;
import java.time.Duration;
import java.util.List;

/**
 * Reads the "history" section of credentials.json: {@code enabled} (true by default when the state is kept in
 * the cluster, false otherwise), {@code index} (the daily indices' prefix) and {@code retention} (at least a
 * day, as the indices are daily).
 */
final class HistorySection {

    private static final List<String> KEYS = List.of("enabled", "index", "retention");
    /** Room for "-YYYY.MM.DD" within Elasticsearch's 255 bytes, and more. */
    private static final int LONGEST_INDEX = 200;
    private static final String INDEX_NAME = "[a-z0-9][a-z0-9._-]*";

    private HistorySection() {
    }

    static HistorySetting read(SettingReader section, StateSetting state) {
        boolean inCluster = state instanceof StateSetting.Index;
        if (section.object().isMissingNode()) {
            return inCluster ? new HistorySetting(true, HistorySetting.DEFAULT_INDEX, HistorySetting.DEFAULT_RETENTION)
                    : HistorySetting.OFF;
        }
        if (!section.object().isObject()) {
            section.problem("\"history\" must be an object such as {\"enabled\": true, \"retention\": \"30d\"}");
            return HistorySetting.OFF;
        }
        section.unknown("history setting", KEYS);
        boolean enabled = section.flag("enabled", inCluster);
        String index = section.text("index", false);
        if (index == null) {
            index = HistorySetting.DEFAULT_INDEX;
        } else if (index.length() > LONGEST_INDEX || !index.matches(INDEX_NAME) || index.contains("..")) {
            section.problem("index", "\"index\" must be an index name of at most " + LONGEST_INDEX + " characters:"
                    + " lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, without \"..\"");
        }
        Duration retention = section.duration("retention", HistorySetting.DEFAULT_RETENTION);
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            section.problem("retention", "\"retention\" must be at least 1d: the history is kept in daily indices");
        }
        return new HistorySetting(enabled, index, retention);
    }
}
