package io.alertas.sigma.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.condition.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed condition as a query over the detection's search identifiers. It tracks whether a part is needed by
 * every match (under and, all of, never under not or among alternatives), which a hit check requires.
 */
final class ConditionQuery {

    private final JsonNode detection;
    private final Context context;

    ConditionQuery(JsonNode detection, Context context) {
        this.detection = detection;
        this.context = context;
    }

    JsonNode query(Condition condition, boolean conjunctive) throws SigmaException {
        if (condition instanceof Condition.And and) {
            return Dsl.all(each(and.operands(), conjunctive));
        }
        if (condition instanceof Condition.Or or) {
            return Dsl.any(each(or.operands(), conjunctive && or.operands().size() == 1));
        }
        if (condition instanceof Condition.Not not) {
            List<Condition> alternatives = conjunctive ? alternatives(not.operand()) : List.of();
            if (!alternatives.isEmpty()) {
                // not (a or b) is (not a) and (not b): each part stays one every match must not meet
                List<Condition> none = new ArrayList<>();
                alternatives.forEach(alternative -> none.add(new Condition.Not(alternative)));
                return query(new Condition.And(none), true);
            }
            JsonNode fieldRef = conjunctive ? lonelyFieldRef(not.operand()) : null;
            if (fieldRef != null) {
                Map.Entry<String, JsonNode> item = fieldRef.fields().next();
                return FieldRefs.excluded(Modifiers.parse(item.getKey()), values(item.getValue()), context);
            }
            return Dsl.not(query(not.operand(), false));
        }
        if (condition instanceof Condition.Search search) {
            return SearchQuery.query(search.name(), detection.get(search.name()), context, conjunctive);
        }
        Condition.Quantified quantified = (Condition.Quantified) condition;
        int size = quantified.names().size();
        int count = quantified.count() == Condition.Quantified.ALL ? size : quantified.count();
        List<Condition> searches = new ArrayList<>();
        quantified.names().forEach(name -> searches.add(new Condition.Search(name)));
        return Dsl.atLeast(count, each(searches, conjunctive && count == size));
    }

    /** The alternatives of {@code condition} when it is an or or a {@code 1 of} several, else none. */
    private static List<Condition> alternatives(Condition condition) {
        if (condition instanceof Condition.Or or) {
            return or.operands();
        }
        if (condition instanceof Condition.Quantified quantified && quantified.count() == 1 && quantified.names().size() > 1) {
            List<Condition> searches = new ArrayList<>();
            quantified.names().forEach(name -> searches.add(new Condition.Search(name)));
            return searches;
        }
        return List.of();
    }

    /**
     * The search of {@code condition} when it is one search identifier with one item, a fieldref (as in
     * {@code not 1 of filter_main_*} with {@code filter_main_same_user: {User|fieldref: ParentUser}}), else null.
     */
    private JsonNode lonelyFieldRef(Condition condition) throws SigmaException {
        String name = null;
        if (condition instanceof Condition.Search search) {
            name = search.name();
        } else if (condition instanceof Condition.Quantified quantified && quantified.names().size() == 1) {
            name = quantified.names().get(0);
        }
        JsonNode search = name == null ? null : detection.get(name);
        if (search != null && search.isArray() && search.size() == 1) {
            search = search.get(0);
        }
        if (search == null || !search.isObject() || search.size() != 1) {
            return null;
        }
        return Modifiers.parse(search.fieldNames().next()).has("fieldref") ? search : null;
    }

    static List<JsonNode> values(JsonNode value) {
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        return values;
    }

    private List<JsonNode> each(List<Condition> conditions, boolean conjunctive) throws SigmaException {
        List<JsonNode> queries = new ArrayList<>();
        for (Condition condition : conditions) {
            queries.add(query(condition, conjunctive));
        }
        return queries;
    }
}
