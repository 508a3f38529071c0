package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Param;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads an alert's {@code "params"}: each declared param's default, replaced by the value the settings give,
 * which must be declared and of its type.
 */
final class ParamValues {

    private ParamValues() {
    }

    static ObjectNode read(AlertDefinition definition, SettingReader settings) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        definition.params().values().forEach(p -> params.set(p.name(), p.defaultValue()));
        JsonNode given = settings.object().path("params");
        if (given.isMissingNode()) {
            return params;
        }
        SettingReader reader = settings.child("params");
        if (!given.isObject()) {
            reader.problem("\"params\" must be an object");
            return params;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> param = it.next();
            Param declared = definition.params().get(param.getKey());
            if (declared == null) {
                reader.problem(param.getKey(), "param \"" + param.getKey() + "\": not declared; "
                        + (definition.params().isEmpty() ? "this alert declares none"
                                : "declared: " + String.join(", ", definition.params().keySet())));
            } else {
                declared.problem(param.getValue()).ifPresentOrElse(
                        p -> reader.problem(param.getKey(), "param \"" + declared.name() + "\": " + p),
                        () -> params.set(declared.name(), param.getValue()));
            }
        }
        return params;
    }
}
