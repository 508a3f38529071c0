package io.alertas.sigma.condition;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The parts of a rule's {@code detection} mapping: its search identifiers and its condition texts. */
public final class Detections {

    private Detections() {
    }

    /**
     * The search identifiers of {@code detection}, in order: every key but {@code condition} and Sigma 1's
     * {@code timeframe}.
     */
    public static List<String> identifiers(JsonNode detection) {
        List<String> identifiers = new ArrayList<>();
        for (Iterator<String> names = detection.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("condition") && !name.equals("timeframe")) {
                identifiers.add(name);
            }
        }
        return identifiers;
    }

    /**
     * The condition texts of {@code detection}: one, or several when the condition is a list (any of them).
     *
     * @throws SigmaException INVALID when the condition is neither a text nor a list of texts
     */
    public static List<String> conditions(JsonNode detection) throws SigmaException {
        JsonNode condition = detection.path("condition");
        List<String> texts = new ArrayList<>();
        if (condition.isTextual()) {
            texts.add(condition.asText());
        } else if (condition.isArray() && !condition.isEmpty()) {
            for (JsonNode element : condition) {
                if (!element.isTextual()) {
                    throw new SigmaException(Reason.INVALID, "\"condition\" must be a text or a list of texts, but the list holds "
                            + (element.isContainerNode() ? "a container" : element.asText()));
                }
                texts.add(element.asText());
            }
        } else {
            throw new SigmaException(Reason.INVALID, "\"condition\" must be a text or a list of texts");
        }
        return texts;
    }

    /**
     * The condition of {@code detection} parsed: a list of conditions is any of them.
     *
     * @throws SigmaException as {@link ConditionParser#parse} does
     */
    public static Condition condition(JsonNode detection) throws SigmaException {
        List<String> identifiers = identifiers(detection);
        List<Condition> any = new ArrayList<>();
        for (String text : conditions(detection)) {
            any.add(ConditionParser.parse(text, identifiers));
        }
        return any.size() == 1 ? any.get(0) : new Condition.Or(any);
    }
}
