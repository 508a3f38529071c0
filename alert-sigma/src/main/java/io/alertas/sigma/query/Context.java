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

/** What converting one detection carries along: the field map, the placeholder values, and the hit checks made. */
final class Context {

    private final FieldMap fields;
    private final Map<String, List<String>> placeholders;
    private final List<Predicate<JsonNode>> hitChecks = new ArrayList<>();

    Context(FieldMap fields, Map<String, List<String>> placeholders) {
        this.fields = fields;
        this.placeholders = placeholders;
    }

    /** The document fields of Sigma field {@code field}. */
    List<String> targets(String field) throws SigmaException {
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

    void addHitCheck(Predicate<JsonNode> check) {
        hitChecks.add(check);
    }

    /** Every hit check made, as one. */
    Predicate<JsonNode> hitCheck() {
        List<Predicate<JsonNode>> checks = List.copyOf(hitChecks);
        return source -> checks.stream().allMatch(check -> check.test(source));
    }
}
