package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.Param;
import io.alertas.spi.Severity;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert as this configuration runs it, for showing: where it came from ({@code plugin}, the {@code jar}
 * it was found in), what it watches, whether it is active, its throttle period and media, the request it sends
 * ({@code method} and {@code path}, the query read from {@code queryOrigin}), and each declared param with the
 * value the configuration gives it. No component is null.
 */
public record ConfiguredAlert(String name, String plugin, String jar, String description, Severity severity,
        String index, boolean active, Duration throttlePeriod, List<String> media, String method, String path,
        String queryOrigin, Map<String, Param> declaredParams, JsonNode params) {

    public ConfiguredAlert {
        requireNonNull(name, "name is null");
        requireNonNull(plugin, "plugin is null");
        requireNonNull(jar, "jar is null");
        requireNonNull(description, "description is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(index, "index is null");
        requireNonNull(throttlePeriod, "throttlePeriod is null");
        media = List.copyOf(media);
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(queryOrigin, "queryOrigin is null");
        declaredParams = Collections.unmodifiableMap(new LinkedHashMap<>(declaredParams));
        params = requireNonNull(params, "params is null").deepCopy();
    }
}
