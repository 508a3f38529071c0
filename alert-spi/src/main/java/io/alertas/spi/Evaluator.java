package io.alertas.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decides from one Elasticsearch response whether an alert fires and what it says: the seed script's
 * per-alert function.
 *
 * <p>The response is the parsed JSON body Elasticsearch returned, never null. Return
 * {@link Evaluation#quiet()} rather than null. An evaluator may be called from any thread and must not
 * keep state between calls; one that throws or runs past its timeout fails its own alert only.
 */
@FunctionalInterface
public interface Evaluator {

    Evaluation evaluate(JsonNode response, AlertContext context);
}
