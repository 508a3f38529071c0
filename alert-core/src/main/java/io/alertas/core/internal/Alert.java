package io.alertas.core.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.QueryTemplate;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.operations.Operations;
import io.alertas.core.internal.templates.MediumTemplates;
import io.alertas.spi.Evaluator;
import io.alertas.spi.Param;
import io.alertas.spi.Severity;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert as this installation runs it: the plugin's definition with {@code alerts.json} and
 * {@code queries/NAME.json} applied: {@code params} holds every declared param's value, {@code declaredParams}
 * their declarations. {@code fireAfter} is how many windows in a row a key must fire before it is sent (1:
 * at once); {@code resolveAfter} how many quiet windows in a row make a told key resolved (0: never said).
 * {@code templates} are its own title and body per medium name; {@code operations} when it runs, its digests,
 * maintenance windows and flapping. {@code plugin} and {@code jar} say where
 * it came from; {@code method}
 * and {@code path} are the request it sends, the index already in the path. No component is null;
 * {@code media} names configured media only.
 */
public record Alert(
        String name,
        String plugin,
        String jar,
        String description,
        Severity severity,
        String index,
        String method,
        String path,
        QueryTemplate query,
        Duration throttlePeriod,
        boolean active,
        List<String> media,
        JsonNode params,
        Map<String, Param> declaredParams,
        Duration queryDelay,
        Duration maxCatchup,
        int fireAfter,
        int resolveAfter,
        Map<String, MediumTemplates> templates,
        Evaluator evaluator,
        Operations operations) {

    public Alert {
        requireNonNull(name, "name is null");
        requireNonNull(plugin, "plugin is null");
        requireNonNull(jar, "jar is null");
        requireNonNull(description, "description is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(index, "index is null");
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(query, "query is null");
        requireNonNull(throttlePeriod, "throttlePeriod is null");
        media = List.copyOf(requireNonNull(media, "media is null"));
        params = requireNonNull(params, "params is null").deepCopy();
        declaredParams = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(declaredParams, "declaredParams is null")));
        requireNonNull(queryDelay, "queryDelay is null");
        requireNonNull(maxCatchup, "maxCatchup is null");
        templates = Map.copyOf(requireNonNull(templates, "templates is null"));
        requireNonNull(evaluator, "evaluator is null");
        requireNonNull(operations, "operations is null");
        if (fireAfter < 1 || resolveAfter < 0) {
            throw new IllegalArgumentException("fireAfter must be at least 1 and resolveAfter at least 0");
        }
    }

    /** Whether a pass keeps each key's run of firing and quiet windows: for fire_after or resolve_after. */
    public boolean keepsEpisodes() {
        return fireAfter > 1 || resolveAfter > 0;
    }

    /** Whether the alert sends a plain search, which a pass batches with others in one {@code _msearch}. */
    public boolean isSearch() {
        return method.equals("POST") && path.equals("/" + ElasticsearchClient.encodeIndex(index) + "/_search");
    }
}
