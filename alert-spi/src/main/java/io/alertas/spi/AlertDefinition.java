package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An alert as its plugin ships it: name, where and what to query, how to judge the answer, and the
 * defaults that {@code alerts.json} may override.
 *
 * <p>Build one with {@link #builder(String)}; nothing returned is null. {@code media} empty means "every
 * medium configured in credentials.json". Each param is declared with its type and default
 * ({@link Param}), and {@code alerts.json} may set only declared params, with values of their type. Most alerts search: {@code POST /{index}/_search} with the query
 * as body. An alert may name another request instead, such as {@code GET /_cluster/health} with
 * {@link Query#NONE}; {@code {index}} in the path stands for the alert's index pattern.
 */
public final class AlertDefinition {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final String name;
    private final String description;
    private final Severity severity;
    private final String index;
    private final String method;
    private final String path;
    private final Query query;
    private final Duration throttlePeriod;
    private final boolean active;
    private final List<String> media;
    private final Map<String, Param> params;
    private final Duration queryDelay;
    private final Evaluator evaluator;

    private AlertDefinition(Builder b) {
        name = requireNonNull(b.name, "name is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "alert name \"" + name + "\" must be letters, digits, '_', '.' or '-'");
        }
        description = requireNonNull(b.description, "description is null");
        severity = requireNonNull(b.severity, "severity is null");
        index = requireNonNull(b.index, "index is null");
        method = requireNonNull(b.method, "method is null");
        path = requireNonNull(b.path, "path is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path of alert " + name + " must start with '/'");
        }
        if (path.contains("{index}") && index.isBlank()) {
            throw new IllegalArgumentException("alert " + name + " searches an index but names none");
        }
        query = requireNonNull(b.query, "query is null");
        throttlePeriod = requireNonNull(b.throttlePeriod, "throttlePeriod is null");
        active = b.active;
        media = List.copyOf(requireNonNull(b.media, "media is null"));
        Map<String, Param> declared = new LinkedHashMap<>(b.params);
        if (b.evaluator instanceof Rule rule) {
            if (query != Query.NONE) {
                throw new IllegalArgumentException("alert " + name + " has a rule, which writes its own query; it takes no query");
            }
            for (Param param : rule.params()) {
                Param own = declared.putIfAbsent(param.name(), param);
                if (own != null && own.type() != param.type() && !(own.type() == Param.Type.INTEGER
                        && param.type() == Param.Type.NUMBER)) {
                    throw new IllegalArgumentException("alert " + name + " declares param \"" + param.name() + "\" as "
                            + own.type().label() + ", but its " + rule.describe() + " reads it as " + param.type().label());
                }
            }
        }
        params = Collections.unmodifiableMap(declared);
        queryDelay = requireNonNull(b.queryDelay, "queryDelay is null");
        evaluator = requireNonNull(b.evaluator, "evaluator of alert " + name + " is not set");
        Durations.within(throttlePeriod, "the throttle period of alert " + name);
        Durations.within(queryDelay, "the query delay of alert " + name);
    }

    /** The alert's stable name, unique across every loaded module: letters, digits, '_', '.' or '-'. */
    public String name() {
        return name;
    }

    /** One sentence saying what the alert detects; may be empty. */
    public String description() {
        return description;
    }

    public Severity severity() {
        return severity;
    }

    /** The index pattern the query goes to; empty for a request that names no index. */
    public String index() {
        return index;
    }

    /** The HTTP method of the request, {@code POST} for a search. */
    public String method() {
        return method;
    }

    /** The request's path, {@code {index}} standing for the index pattern. */
    public String path() {
        return path;
    }

    public Query query() {
        return query;
    }

    public Duration throttlePeriod() {
        return throttlePeriod;
    }

    public boolean active() {
        return active;
    }

    /** The media to notify by name; empty means every configured medium. */
    public List<String> media() {
        return media;
    }

    /** The declared params by name, in declaration order. */
    public Map<String, Param> params() {
        return params;
    }

    public Duration queryDelay() {
        return queryDelay;
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    @Override
    public String toString() {
        return "alert " + name;
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
        private final Map<String, Param> params = new LinkedHashMap<>();
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

        /**
         * Declares a param, such as {@code Param.number("threshold", 0.9).between(0, 1)}; {@code alerts.json}
         * may set it, checked against this declaration, and the evaluator reads it from its context.
         *
         * @throws IllegalArgumentException when a param of that name is already declared
         */
        public Builder param(Param param) {
            requireNonNull(param, "param is null");
            if (params.putIfAbsent(param.name(), param) != null) {
                throw new IllegalArgumentException("alert " + name + " declares param \"" + param.name() + "\" twice");
            }
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

        /**
         * Judges with a rule, such as {@code Rules.frequency().groupBy("user.name").threshold(5).build()}:
         * it writes the query and evaluates the answer, and its settings become params of the alert (a param
         * the alert declares itself, with its description and constraints, takes the place of the rule's).
         */
        public Builder rule(Rule rule) {
            this.evaluator = requireNonNull(rule, "rule is null");
            return this;
        }

        /**
         * The definition.
         *
         * @throws NullPointerException when the evaluator or another part is not set
         * @throws IllegalArgumentException when the name, path or a duration is not valid
         */
        public AlertDefinition build() {
            return new AlertDefinition(this);
        }
    }
}
