package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.Durations;
import io.alertas.spi.SettingException;
import io.alertas.spi.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What sigma.json's {@code overrides} sets for one rule (by its id or its alert's name); each part null when not set.
 */
record RuleOverride(Boolean active, Duration throttlePeriod, List<String> media, Severity severity, List<String> groupBy) {

    private static final Set<String> KEYS = Set.of("active", "throttle_period", "media", "severity", "group_by");
    private static final int MAX_GROUP_BY = 4;

    static final RuleOverride NONE = new RuleOverride(null, null, null, null, null);

    static RuleOverride read(JsonNode value, String field) throws SettingException {
        Settings.known(value, field, KEYS);
        JsonNode active = value.path("active");
        if (!active.isMissingNode() && !active.isBoolean()) {
            throw new SettingException(field + ".active", "must be true or false");
        }
        Duration throttle = null;
        JsonNode throttleValue = value.path("throttle_period");
        if (!throttleValue.isMissingNode()) {
            Optional<String> problem = Durations.problem(throttleValue, true);
            if (problem.isPresent()) {
                throw new SettingException(field + ".throttle_period", problem.get());
            }
            throttle = Durations.parse(throttleValue);
        }
        List<String> media = value.has("media") ? Settings.strings(value.get("media"), field + ".media") : null;
        Severity severity = null;
        String label = Settings.string(value.path("severity"), field + ".severity");
        if (label != null) {
            try {
                severity = Severity.fromLabel(label);
            } catch (IllegalArgumentException e) {
                throw new SettingException(field + ".severity", e.getMessage());
            }
        }
        List<String> groupBy = value.has("group_by") ? Settings.strings(value.get("group_by"), field + ".group_by") : null;
        if (groupBy != null && (groupBy.isEmpty() || groupBy.size() > MAX_GROUP_BY)) {
            throw new SettingException(field + ".group_by", "takes 1 to " + MAX_GROUP_BY + " fields");
        }
        return new RuleOverride(active.isMissingNode() ? null : active.asBoolean(), throttle, media, severity, groupBy);
    }
}
