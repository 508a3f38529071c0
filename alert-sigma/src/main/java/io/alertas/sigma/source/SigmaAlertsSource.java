package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.AlertSource;
import io.alertas.spi.SettingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@link io.alertas.sigma.SigmaSource} does with sigma.json: its settings read, its rules loaded. */
public final class SigmaAlertsSource {

    private SigmaAlertsSource() {
    }

    /**
     * The alerts sigma.json describes, and the warnings: the summary of what loaded and was skipped, a few examples
     * per reason, and each override that names no rule.
     *
     * @throws SettingException naming the field of sigma.json that is wrong
     */
    public static AlertSource.Alerts alerts(JsonNode json, Path configDir) throws SettingException {
        SigmaSettings settings = SigmaSettings.read(json, configDir);
        SigmaLoad.Result result = SigmaLoad.run(settings.rules(), configDir, settings.mappings(),
                settings.placeholders(), settings.selection(), settings.overrides());
        List<String> warnings = new ArrayList<>(result.skips().folded());
        result.unusedOverrides().forEach(key -> warnings.add("sigma: sigma.json: override \"" + Text.line(key)
                + "\" names no rule read (neither an id nor an alert name)"));
        return AlertSource.Alerts.of(result.alerts(), warnings);
    }
}
