package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Window;

/**
 * A test of one alert: the {@code window} a pass would search now, the {@code request} sent (null when the
 * alert sends no body), and then either the cluster's {@code response} and the {@code evaluation} (null when the
 * evaluator returned null), or, when the cluster refused or could not be reached, the {@code error} (then
 * response and evaluation are null). Nothing was sent to a medium and no state was changed.
 */
public record Trial(Window window, JsonNode request, JsonNode response, Evaluation evaluation, String error) {

    public Trial {
        requireNonNull(window, "window is null");
        if ((response == null) == (error == null)) {
            throw new IllegalArgumentException("a trial has either a response or an error");
        }
    }
}
