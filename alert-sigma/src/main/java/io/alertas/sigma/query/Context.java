package io.alertas.sigma.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.Texts;
import io.alertas.sigma.mapping.FieldMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What converting one detection carries along: the field map, the placeholder values, the hit checks made, and the
 * count of values written, which bounds what a rule may cost (a list of thousands of values, each spelled a hundred
 * ways by windash, would make a query of millions of clauses).
 */
final class Context {

    private final FieldMap fields;
    private final Map<String, List<String>> placeholders;
    private final List<Predicate<JsonNode>> hitChecks = new ArrayList<>();
    private int values;

    Context(FieldMap fields, Map<String, List<String>> placeholders) {
        this.fields = fields;
        this.placeholders = placeholders;
    }

    /** The most values a rule's detection may write, once every modifier has spelled them out. */
    static final int MAX_VALUES = 100_000;
    /** A field name longer than any agent writes, or of more dotted parts, is a rule's mistake (or an attack). */
    static final int MAX_FIELD_LENGTH = 256;
    static final int MAX_FIELD_PARTS = 32;

    /** The document fields of Sigma field {@code field}. */
    List<String> targets(String field) throws SigmaException {
        if (field.length() > MAX_FIELD_LENGTH || field.split("\\.", -1).length > MAX_FIELD_PARTS) {
            throw new SigmaException(Reason.INVALID, "the field name " + Texts.quote(field) + " is longer than "
                    + MAX_FIELD_LENGTH + " characters or has more than " + MAX_FIELD_PARTS + " dotted parts");
        }
        List<String> targets = fields.targets(field);
        if (targets == null || targets.isEmpty()) {
            throw new SigmaException(Reason.UNMAPPED_FIELD, "no mapping knows the field " + Texts.quote(field));
        }
        return targets;
    }

    /** The values of placeholder {@code name}. */
    List<String> placeholder(String name) throws SigmaException {
        List<String> values = placeholders.get(name);
        if (values == null || values.isEmpty()) {
            throw new SigmaException(Reason.UNKNOWN_PLACEHOLDER, "the placeholder %" + Texts.oneLine(name)
                    + "% has no values: give them in the configuration's \"placeholders\"");
        }
        return values;
    }

    /** Counts {@code count} more values written; past {@link #MAX_VALUES} the rule is refused. */
    void written(int count) throws SigmaException {
        values += count;
        if (values > MAX_VALUES) {
            throw new SigmaException(Reason.INVALID, "the detection spells out more than " + MAX_VALUES
                    + " values (its lists, with windash, base64offset, expand and the encodings)");
        }
    }

    void addHitCheck(Predicate<JsonNode> check) {
        hitChecks.add(check);
    }

    /** Every hit check made, as one. */
    Predicate<JsonNode> hitCheck() {
        List<Predicate<JsonNode>> checks = List.copyOf(hitChecks);
        return source -> checks.stream().allMatch(check -> check.test(source));
    }
}
