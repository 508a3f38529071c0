package io.alertas.sigma.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.mapping.FieldMap;
import io.alertas.sigma.rule.SigmaRule;
import java.util.List;
import java.util.Map;

/** A Sigma detection as an Elasticsearch query. (Stub: the language slice writes it.) */
public final class SigmaQuery {

    private SigmaQuery() {
    }

    /**
     * The query (one JSON object, to go into a {@code bool} filter) matching the events that {@code rule}'s
     * detection matches, its fields mapped by {@code fields}; {@code placeholders} gives the values of
     * {@code |expand} placeholders by name.
     *
     * @throws SigmaException when the rule uses what cannot be converted, with the reason
     */
    public static JsonNode of(SigmaRule rule, FieldMap fields, Map<String, List<String>> placeholders)
            throws SigmaException {
        throw new UnsupportedOperationException("stub");
    }
}
