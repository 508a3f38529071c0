package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Alerts written in another language than Java, such as Sigma rules, made into alert definitions when the config is
 * loaded; found with {@link java.util.ServiceLoader} under {@code META-INF/services/io.alertas.spi.AlertSource}.
 *
 * <p>A source is read from its own file of the config directory, named after {@link #name()}: the source named
 * {@code "sigma"} gets the object of {@code sigma.json}; without that file the source gives no alerts and is not
 * called. Its alerts are treated like any plugin's: {@code alerts.json} may set their settings by name, and
 * {@code list}, {@code validate}, {@code test}, {@code backtest}, {@code silence} and {@code status} show them.
 * Report a bad setting by throwing {@link SettingException} naming its field, so the loader can point at its line
 * and column; what the source skips (a rule it cannot run, say) is a warning, not an error.
 */
public interface AlertSource {

    /** The source's name: its file in the config directory ({@code NAME.json}) and the module its alerts show. */
    String name();

    /**
     * The alerts that {@code settings}, the source file's object, describes; {@code configDir} is where relative
     * paths in it start.
     */
    Alerts alerts(JsonNode settings, Path configDir) throws SettingException;

    /** What a source made: its alerts, and one line per thing it skipped or doubts, for {@code validate}. */
    final class Alerts {

        private final List<AlertDefinition> alerts;
        private final List<String> warnings;

        private Alerts(List<AlertDefinition> alerts, List<String> warnings) {
            this.alerts = List.copyOf(requireNonNull(alerts, "alerts is null"));
            this.warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        }

        /** The alerts a source made, and its warnings (empty when it skipped nothing). */
        public static Alerts of(List<AlertDefinition> alerts, List<String> warnings) {
            return new Alerts(alerts, warnings);
        }

        public List<AlertDefinition> alerts() {
            return alerts;
        }

        public List<String> warnings() {
            return warnings;
        }
    }
}
