package io.alertas.sigma.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.Texts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One search identifier as a query: a mapping is all of its items; a list is any of its elements, each a mapping
 * or a keyword; a keyword (a value without a field) is a text the event's {@code message} contains.
 */
final class SearchQuery {

    private static final Modifiers KEYWORD = new Modifiers("", List.of("contains"));

    private SearchQuery() {
    }

    static JsonNode query(String name, JsonNode search, Context context, boolean conjunctive) throws SigmaException {
        if (search.isObject()) {
            return mapping(name, search, context, conjunctive);
        }
        if (search.isArray()) {
            if (search.isEmpty()) {
                throw new SigmaException(Reason.INVALID, "the search identifier " + Texts.quote(name) + " is an empty list");
            }
            boolean alone = search.size() == 1;
            List<JsonNode> any = new ArrayList<>();
            List<JsonNode> keywords = new ArrayList<>();
            for (JsonNode element : search) {
                if (element.isObject()) {
                    any.add(mapping(name, element, context, conjunctive && alone));
                } else if (element.isValueNode() && !element.isNull()) {
                    keywords.add(element);
                } else {
                    throw new SigmaException(Reason.INVALID, "the search identifier " + Texts.quote(name)
                            + " lists something that is neither a mapping nor a keyword");
                }
            }
            if (!keywords.isEmpty()) {
                any.add(ItemQuery.query(KEYWORD, keywords, context, false));
            }
            return Dsl.any(any);
        }
        if (search.isNull()) {
            throw new SigmaException(Reason.INVALID, "the search identifier " + Texts.quote(name) + " is empty");
        }
        return ItemQuery.query(KEYWORD, List.of(search), context, false);
    }

    private static JsonNode mapping(String name, JsonNode search, Context context, boolean conjunctive)
            throws SigmaException {
        if (search.isEmpty()) {
            throw new SigmaException(Reason.INVALID, "the search identifier " + Texts.quote(name) + " is an empty mapping");
        }
        List<JsonNode> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> items = search.fields(); items.hasNext(); ) {
            Map.Entry<String, JsonNode> item = items.next();
            Modifiers modifiers = Modifiers.parse(item.getKey());
            List<JsonNode> values = ConditionQuery.values(item.getValue());
            if (values.isEmpty()) {
                throw new SigmaException(Reason.INVALID, Texts.quote(item.getKey()) + " in " + Texts.quote(name)
                        + " has an empty list of values");
            }
            all.add(ItemQuery.query(modifiers, values, context, conjunctive));
        }
        return Dsl.all(all);
    }
}
