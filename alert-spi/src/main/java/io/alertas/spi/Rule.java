package io.alertas.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An evaluator that writes its own search for each pass, from the window, the params and what it remembered:
 * the shape of the rule types in {@code io.alertas.spi.rules} (frequency, spike, flatline, ...). Give it to
 * {@link AlertDefinition.Builder#rule}; the alert then has no {@link Query} of its own.
 */
public interface Rule extends Evaluator {

    /** The body of the search this pass sends to the alert's index; never null. */
    JsonNode query(AlertContext context);

    /**
     * The params the rule reads, with their defaults; the alert declares each one it does not declare
     * itself, so {@code alerts.json} may set them like any other param.
     */
    List<Param> params();

    /** What the rule is, for messages and {@code list}: such as {@code "frequency rule"}. */
    String describe();
}
