package io.alertas.core.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An alert as its plugin ships it: name, where and what to query, how to judge the answer, and the
 * defaults that {@code alerts.json} may override.
 *
 * <p>Build one with {@link #builder(String)}. No component is null. {@code media} empty means "every
 * medium configured in credentials.json". {@code params} values are JSON-like: strings, numbers,
 * booleans, lists and maps of those. Most alerts search: {@code POST /{index}/_search} with the query
 * as body. An alert may name another request instead, such as {@code GET /_cluster/health} with
 * {@link Query#NONE}; {@code {index}} in the path stands for the alert's index pattern.
 */
public record AlertDefinition(
        String name,
        String description,
        Severity severity,
        String index,
        String method,
        String path,
        Query query,
        Duration throttlePeriod,
        boolean active,
        List<String> media,
        Map<String, Object> params,
        Duration queryDelay,
        Evaluator evaluator) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    public AlertDefinition {
        requireNonNull(name, "name is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "alert name \"" + name + "\" must be letters, digits, '_', '.' or '-'");
        }
        requireNonNull(description, "description is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(index, "index is null");
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path of alert " + name + " must start with '/'");
        }
        if (path.contains("{index}") && index.isBlank()) {
            throw new IllegalArgumentException("alert " + name + " searches an index but names none");
        }
        requireNonNull(query, "query is null");
        requireNonNull(throttlePeriod, "throttlePeriod is null");
        media = List.copyOf(requireNonNull(media, "media is null"));
        params = Map.copyOf(requireNonNull(params, "params is null"));
        requireNonNull(queryDelay, "queryDelay is null");
        requireNonNull(evaluator, "evaluator is null");
        if (throttlePeriod.isNegative() || queryDelay.isNegative()) {
            throw new IllegalArgumentException("durations of alert " + name + " must not be negative");
        }
    }

    /** Starts an alert definition; the evaluator must be set, and for a search the index and query. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects an alert's parts; defaults: warning, throttle 60 minutes, active, query delay 1 minute. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private Severity severity = Severity.WARNING;
        private String index = "";
        private String method = "POST";
        private String path = "/{index}/_search";
        private Query query = Query.NONE;
        private Duration throttlePeriod = Duration.ofMinutes(60);
        private boolean active = true;
        private List<String> media = List.of();
        private final Map<String, Object> params = new LinkedHashMap<>();
        private Duration queryDelay = Duration.ofMinutes(1);
        private Evaluator evaluator;

        private Builder(String name) {
            this.name = name;
        }

        /** One sentence saying what the alert detects; shown by {@code list}. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        /** The index pattern the query goes to, such as {@code "winlogbeat-*,logs-system.security-*"}. */
        public Builder index(String index) {
            this.index = index;
            return this;
        }

        /**
         * Sends this request instead of a search, such as {@code request("GET", "/_cluster/health")};
         * {@code {index}} in the path stands for the index pattern.
         */
        public Builder request(String method, String path) {
            this.method = method;
            this.path = path;
            return this;
        }

        public Builder query(Query query) {
            this.query = query;
            return this;
        }

        /** How long a delivered notification keeps the alert (or its key) quiet on that medium. */
        public Builder throttlePeriod(Duration throttlePeriod) {
            this.throttlePeriod = throttlePeriod;
            return this;
        }

        public Builder active(boolean active) {
            this.active = active;
            return this;
        }

        /** The media to notify, by name; unset means every configured medium. */
        public Builder media(List<String> media) {
            this.media = media;
            return this;
        }

        /** A default param, overridden by {@code params} in {@code alerts.json}. */
        public Builder param(String name, Object value) {
            params.put(requireNonNull(name, "param name is null"), requireNonNull(value, "param value is null"));
            return this;
        }

        /** How far behind the pass's instant a window ends, so late documents are indexed before it is read. */
        public Builder queryDelay(Duration queryDelay) {
            this.queryDelay = queryDelay;
            return this;
        }

        public Builder evaluator(Evaluator evaluator) {
            this.evaluator = evaluator;
            return this;
        }

        public AlertDefinition build() {
            return new AlertDefinition(name, description, severity, index, method, path, query, throttlePeriod,
                    active, media, params, queryDelay, evaluator);
        }
    }
}
