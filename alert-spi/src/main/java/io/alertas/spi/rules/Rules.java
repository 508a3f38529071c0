package io.alertas.spi.rules;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Durations;
import io.alertas.spi.Param;
import io.alertas.spi.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The rule types: common detections written as settings instead of an evaluator, from Java
 * ({@code Rules.frequency().groupBy("user.name").threshold(5).build()}) or from an alerts.d file
 * ({@code "type": "frequency", "group_by": ["user.name"], "threshold": 5}). Each groups events by up to four
 * fields, so that findings and the throttle are per group, and writes its own query.
 *
 * <p>A setting of the wrong shape is refused when it is set, with an {@link IllegalArgumentException} whose
 * message names the setting as files write it ({@code "group_by" takes 1 to 4 fields}).
 *
 * <p>This class only gathers settings and builds; what each setting means to a type is in the type's own
 * class, named by its {@link RuleType} constant.
 */
public final class Rules {

    static final ObjectMapper JSON = new ObjectMapper();

    private Rules() {
    }

    /** At least {@code threshold} events per group in the window, or in a sliding {@code timeframe}. */
    public static Builder frequency() {
        return new Builder(RuleType.FREQUENCY);
    }

    /** The count (or a metric) per group in the window against the {@code reference} period before it. */
    public static Builder spike() {
        return new Builder(RuleType.SPIKE);
    }

    /** Fewer than {@code threshold} events per group, counting groups seen in the {@code lookback} that fell silent. */
    public static Builder flatline() {
        return new Builder(RuleType.FLATLINE);
    }

    /** A value of the {@code group_by} fields (or a combination) not seen in the {@code lookback} before the window. */
    public static Builder newTerm() {
        return new Builder(RuleType.NEW_TERM);
    }

    /** The distinct values of {@code field} per group above or below a bound. */
    public static Builder cardinality() {
        return new Builder(RuleType.CARDINALITY);
    }

    /** avg, min, max, sum or a percentile of {@code field} per group above or below a bound. */
    public static Builder metric() {
        return new Builder(RuleType.METRIC);
    }

    /** The value of {@code field} per group differs from its last value, remembered across runs. */
    public static Builder change() {
        return new Builder(RuleType.CHANGE);
    }

    /** The share of events matching {@code match}, per group, above or below a bound in percent. */
    public static Builder percentageMatch() {
        return new Builder(RuleType.PERCENTAGE_MATCH);
    }

    /** A rule of {@code type}, to be given its settings one by one, as a file does. */
    public static Builder of(RuleType type) {
        return new Builder(requireNonNull(type, "type is null"));
    }

    /** The settings of one rule; {@link #build()} makes the rule. Not thread-safe. */
    public static final class Builder {

        private final RuleType type;
        private final Meaning meaning;
        private final Map<String, JsonNode> settings = new LinkedHashMap<>();
        private final Map<String, Param> params = new LinkedHashMap<>();
        private final Map<String, String> paramNames = new LinkedHashMap<>();
        private final Set<String> refused = new HashSet<>();
        private BiFunction<Group, AlertContext, String> describe;
        private Function<AlertContext, String> summary;

        private Builder(RuleType type) {
            this.type = type;
            this.meaning = type.meaning();
        }

        /**
         * Sets one setting as a file writes it, such as {@code set("group_by", ["user.name"])}.
         *
         * @throws IllegalArgumentException naming the setting, when this type does not take it or the value
         *         does not fit
         */
        public Builder set(String key, JsonNode value) {
            requireNonNull(value, "value is null");
            if (!type.settings().contains(key)) {
                throw new IllegalArgumentException("\"" + key + "\" is not a setting of a " + type + " rule; its settings: "
                        + String.join(", ", type.settings()));
            }
            refused.add(key);
            Declaration declaration = meaning.declaration(key);
            if (Meaning.BOUNDS.contains(key)) {
                bound(key, value);
            } else if (declaration != null) {
                params.put(key, declaration.declare(value));
            } else {
                SettingShapes.check(key, value);
            }
            refused.remove(key);
            settings.put(key, value.deepCopy());
            return this;
        }

        /** The search clause that selects the events, such as {@code {"term": {"event.code": "4625"}}}; all events when unset. */
        public Builder filter(String json) {
            return set("filter", SettingShapes.parse("filter", json));
        }

        /** The fields whose values make a group (one to four), such as {@code "user.name", "host.name"}. */
        public Builder groupBy(String... fields) {
            return set("group_by", JSON.valueToTree(List.of(fields)));
        }

        /** The field that dates events; {@code @timestamp} when unset. */
        public Builder timestampField(String field) {
            return set("timestamp_field", JsonNodeFactory.instance.textNode(field));
        }

        /** How many groups (per grouping field) the answer holds at most; 1000 when unset. */
        public Builder size(int size) {
            return set("size", JsonNodeFactory.instance.numberNode(size));
        }

        /** The message's start, such as {@code "Failed-logon burst"}; each type has its own when unset. */
        public Builder summary(String summary) {
            return set("summary", JsonNodeFactory.instance.textNode(summary));
        }

        /** The message's start, written for each pass, such as one that says the threshold in percent. */
        public Builder summary(Function<AlertContext, String> summary) {
            this.summary = requireNonNull(summary, "summary is null");
            return this;
        }

        /**
         * Reads the setting {@code setting} (such as {@code "threshold"}, or {@code "reference"}) from
         * {@code declared} instead of the param of the setting's name: for an alert whose params already have
         * their names. A duration setting may be read from an integer param, as minutes.
         *
         * @throws IllegalArgumentException when the setting is not read from a param, or not as that type
         */
        public Builder param(String setting, Param declared) {
            requireNonNull(declared, "param is null");
            Declaration declaration = meaning.declaration(setting);
            if (!type.settings().contains(setting) && declaration == null) {
                throw new IllegalArgumentException("\"" + setting + "\" is not a setting of a " + type + " rule");
            }
            if (declaration == null) {
                throw new IllegalArgumentException("\"" + setting + "\" is not read from a param; those of a " + type + " rule: "
                        + String.join(", ", type.settings().stream().filter(s -> meaning.declaration(s) != null).toList()));
            }
            Param.Type wanted = declaration.type();
            boolean minutes = wanted == Param.Type.DURATION && declared.type() == Param.Type.INTEGER;
            // minutes past the longest duration are refused where they are set, not in every pass
            Param param = minutes && declared.problem(JsonNodeFactory.instance.numberNode(Durations.MAX.toMinutes() + 1)).isEmpty()
                    ? declared.atMost(Durations.MAX.toMinutes()) : declared;
            boolean fits = param.type() == wanted
                    || wanted == Param.Type.NUMBER && param.type() == Param.Type.INTEGER
                    || minutes;
            if (!fits) {
                throw new IllegalArgumentException("\"" + setting + "\" is read as " + wanted.label() + "; param \""
                        + param.name() + "\" is " + param.type().label());
            }
            params.put(setting, param);
            paramNames.put(setting, param.name());
            if (type.settings().contains(setting)) {
                settings.put(setting, param.defaultValue());
            }
            return this;
        }

        /** Words each finding; {@link Group#text()} is the rule's own wording. */
        public Builder describe(BiFunction<Group, AlertContext, String> describe) {
            this.describe = requireNonNull(describe, "describe is null");
            return this;
        }

        /** Adds a sub-aggregation to each group's bucket, such as the hosts an account logged on to, for {@code describe}. */
        public Builder aggregation(String name, String json) {
            ObjectNode aggs = settings.containsKey("aggs") ? (ObjectNode) settings.get("aggs").deepCopy() : JSON.createObjectNode();
            aggs.set(name, SettingShapes.parse("aggs", json));
            return set("aggs", aggs);
        }

        /** Frequency: events per group that fire (1 when unset); flatline: a group with fewer events fires. */
        public Builder threshold(long threshold) {
            return set("threshold", JsonNodeFactory.instance.numberNode(threshold));
        }

        /** Frequency: count over this sliding period ending at the window's end, instead of the window. */
        public Builder timeframe(Duration timeframe) {
            return set("timeframe", duration(timeframe));
        }

        /** Spike: how many times the reference makes a spike (3 when unset). */
        public Builder factor(double factor) {
            return set("factor", JsonNodeFactory.instance.numberNode(factor));
        }

        /** Spike: the period before the window it is compared with (1h when unset). */
        public Builder reference(Duration reference) {
            return set("reference", duration(reference));
        }

        /** Spike: fewer events than this (in the window going up, in the reference going down) never fire. */
        public Builder minCount(long minCount) {
            return set("min_count", JsonNodeFactory.instance.numberNode(minCount));
        }

        /** Spike: {@code "up"} (when unset), {@code "down"} or {@code "both"}. */
        public Builder direction(String direction) {
            return set("direction", JsonNodeFactory.instance.textNode(direction));
        }

        /** Flatline: groups seen in this period before the window's end count, even with no event in the window; new_term: the history (7d when unset). */
        public Builder lookback(Duration lookback) {
            return set("lookback", duration(lookback));
        }

        /** The field a cardinality, metric, change or spike of a metric reads. */
        public Builder field(String field) {
            return set("field", JsonNodeFactory.instance.textNode(field));
        }

        /** Metric or spike: {@code "avg"} (when unset), {@code "min"}, {@code "max"}, {@code "sum"} or {@code "percentile"}. */
        public Builder metric(String metric) {
            return set("metric", JsonNodeFactory.instance.textNode(metric));
        }

        /** Metric {@code "percentile"}: which one, such as 95. */
        public Builder percentile(double percentile) {
            return set("percentile", JsonNodeFactory.instance.numberNode(percentile));
        }

        /** Cardinality, metric, percentage_match: fire above this bound. */
        public Builder above(double bound) {
            return set("above", JsonNodeFactory.instance.numberNode(bound));
        }

        /** Cardinality, metric, percentage_match: fire at this bound or above it. */
        public Builder atLeast(double bound) {
            return set("at_least", JsonNodeFactory.instance.numberNode(bound));
        }

        /** Cardinality, metric, percentage_match: fire at this bound or below it. */
        public Builder atMost(double bound) {
            return set("at_most", JsonNodeFactory.instance.numberNode(bound));
        }

        /** Cardinality, metric, percentage_match: fire below this bound. */
        public Builder below(double bound) {
            return set("below", JsonNodeFactory.instance.numberNode(bound));
        }

        /** Percentage_match: the search clause whose share of the events is measured. */
        public Builder match(String json) {
            return set("match", SettingShapes.parse("match", json));
        }

        /**
         * Every reason {@link #build()} would refuse these settings, such as {@code a cardinality rule needs
         * "field"}: what is missing or does not go together. A setting refused by {@link #set} counts as given.
         */
        public List<String> problems() {
            return Completeness.problems(type, settings, refused);
        }

        /**
         * The rule.
         *
         * @throws IllegalArgumentException naming what is missing or does not go together, all of it
         */
        public Rule build() {
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            Settings s = new Settings(type, settings, describe, summary, paramNames);
            List<Param> declared = new ArrayList<>(meaning.defaults());
            declared.replaceAll(p -> params.getOrDefault(p.name(), p));
            params.values().stream().filter(p -> declared.stream().noneMatch(d -> d.name().equals(p.name())))
                    .forEach(declared::add);
            return meaning.make().apply(s, declared);
        }

        private void bound(String key, JsonNode value) {
            Param.number(key, 0).problem(value).ifPresent(problem -> {
                throw new IllegalArgumentException("\"" + key + "\" " + problem);
            });
            if (paramNames.containsKey("threshold")) {
                return;   // the alert's own param holds the bound
            }
            Declaration bound = meaning.bound();
            params.put("threshold", bound.describedAs("fires " + key.replace('_', ' ') + " this " + bound.description())
                    .param(JsonNodeFactory.instance.numberNode(value.asDouble())));
        }

        private static JsonNode duration(Duration duration) {
            return JsonNodeFactory.instance.textNode(Durations.format(requireNonNull(duration, "duration is null")));
        }
    }
}
