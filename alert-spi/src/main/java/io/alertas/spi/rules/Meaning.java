package io.alertas.spi.rules;

import io.alertas.spi.Param;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * What a rule type means, besides the query and the judgement its class writes: the settings it takes in
 * the order files are told them, those it needs, those it reads from params, the bound it fires past, what
 * its settings must hold together, and the rule it makes of checked settings. Each type's class holds its
 * own as {@code MEANING}, one builder expression; the {@link RuleType} constants name them.
 *
 * @param make the rule made of checked settings and the params it reads
 * @param bound the {@code threshold} a bound ({@code above}, {@code below}, ...) is read into, described by
 *        what it bounds; null when the type fires past no bound
 */
record Meaning(BiFunction<Settings, List<Param>, SettingsRule> make, List<String> own, List<String> required,
        List<Declaration> reads, Declaration bound, List<Check> checks) {

    /** What every rule takes. */
    static final List<String> COMMON = List.of("filter", "group_by", "timestamp_field", "size", "summary", "aggs");

    /** The ways a bound is given: fire above it, below it, at it or above, at it or below. */
    static final List<String> BOUNDS = List.of("above", "below", "at_least", "at_most");

    /** A problem of the settings: {@code problem} unless {@code holds} of the settings given. */
    record Check(Predicate<Set<String>> holds, String problem) {
    }

    static Meaning of(BiFunction<Settings, List<Param>, SettingsRule> make) {
        return new Meaning(make, List.of(), List.of(), List.of(), null, List.of());
    }

    /** Takes these settings, none read from a param. */
    Meaning takes(String... settings) {
        return new Meaning(make, plus(own, settings), required, reads, bound, checks);
    }

    /** Takes the setting {@code declaration} describes, read from a param. */
    Meaning reads(Declaration declaration) {
        return new Meaning(make, plus(own, declaration.setting()), required, plus(reads, declaration), bound, checks);
    }

    /** Takes a bound on {@code measured} (such as "number of distinct values"), given as one of {@link #BOUNDS}. */
    Meaning bound(String measured) {
        return bound(Declaration.number("threshold", measured));
    }

    /** A bound, as {@link #bound(String)}, of at least {@code least} and at most {@code most}. */
    Meaning bound(String measured, double least, double most) {
        return bound(Declaration.number("threshold", measured).between(least, most));
    }

    private Meaning bound(Declaration threshold) {
        return new Meaning(make, plus(own, BOUNDS.toArray(String[]::new)), required, reads, threshold, checks);
    }

    /** A rule of this type is refused without these settings. */
    Meaning needs(String... settings) {
        return new Meaning(make, own, plus(required, settings), reads, bound, checks);
    }

    /** A rule of this type is refused with {@code problem} unless {@code holds} of the settings given. */
    Meaning check(Predicate<Set<String>> holds, String problem) {
        return new Meaning(make, own, required, reads, bound, plus(checks, new Check(holds, problem)));
    }

    /** Every setting this type takes, common ones first. */
    Set<String> settings() {
        Set<String> all = new LinkedHashSet<>(COMMON);
        all.addAll(own);
        return all;
    }

    /** How {@code setting} is read from a param: the bound's {@code threshold} too; null when it is not. */
    Declaration declaration(String setting) {
        if (bound != null && setting.equals(bound.setting())) {
            return bound;
        }
        return reads.stream().filter(d -> d.setting().equals(setting)).findFirst().orElse(null);
    }

    /** The params this type reads even when unset, with their defaults. */
    List<Param> defaults() {
        return reads.stream().filter(d -> d.byDefault() != null).map(d -> d.param(d.byDefault())).toList();
    }

    @SafeVarargs
    private static <T> List<T> plus(List<T> list, T... more) {
        List<T> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
