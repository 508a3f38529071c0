package io.alertas.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.source.SigmaAlertsSource;
import io.alertas.spi.AlertSource;
import io.alertas.spi.SettingException;
import java.nio.file.Path;

/**
 * Sigma rules as alerts: the {@link AlertSource} named {@code "sigma"}, read from {@code sigma.json} of the config
 * directory (where the rules are, which are selected, the mapping, placeholder values and overrides per rule). Each
 * selected rule that converts is an alert named {@code sigma.} and its file's name; each that does not is a warning
 * with its reason, folded into a summary for {@code validate}. A wrong setting of sigma.json is a
 * {@link SettingException} naming its field; a bad rule only skips that rule.
 */
public final class SigmaSource implements AlertSource {

    /** The source's name, and so its file: {@code sigma.json}. */
    public static final String NAME = "sigma";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Alerts alerts(JsonNode settings, Path configDir) throws SettingException {
        return SigmaAlertsSource.alerts(settings, configDir);
    }
}
