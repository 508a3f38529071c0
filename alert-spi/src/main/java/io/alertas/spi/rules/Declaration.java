package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alertas.spi.Durations;
import io.alertas.spi.Param;
import java.time.Duration;

/**
 * A setting that a rule reads from a param of its alert, so that alerts.json can change it per alert: the
 * param's kind, range and words, and its default when the rule reads it even unset (null when it reads it
 * only once set).
 */
record Declaration(String setting, Param.Type type, Double least, Double most, String description, JsonNode byDefault) {

    static Declaration integer(String setting, String description) {
        return new Declaration(setting, Param.Type.INTEGER, null, null, description, null);
    }

    static Declaration number(String setting, String description) {
        return new Declaration(setting, Param.Type.NUMBER, null, null, description, null);
    }

    static Declaration duration(String setting, String description) {
        return new Declaration(setting, Param.Type.DURATION, null, null, description, null);
    }

    Declaration atLeast(double least) {
        return new Declaration(setting, type, least, most, description, byDefault);
    }

    Declaration between(double least, double most) {
        return new Declaration(setting, type, least, most, description, byDefault);
    }

    Declaration describedAs(String description) {
        return new Declaration(setting, type, least, most, description, byDefault);
    }

    Declaration byDefault(int value) {
        return byDefault(JsonNodeFactory.instance.numberNode(value));
    }

    Declaration byDefault(double value) {
        return byDefault(JsonNodeFactory.instance.numberNode(value));
    }

    Declaration byDefault(Duration value) {
        return byDefault(JsonNodeFactory.instance.textNode(Durations.format(value)));
    }

    private Declaration byDefault(JsonNode value) {
        return new Declaration(setting, type, least, most, description, value);
    }

    /**
     * The param with {@code value} as its default, such as a value a file set.
     *
     * @throws IllegalArgumentException naming the setting, when {@code value} does not fit
     */
    Param declare(JsonNode value) {
        String problem = param(sample()).problem(value).orElse(null);
        if (problem == null && type == Param.Type.DURATION && Durations.parse(value).isZero()) {
            problem = "must be longer than 0";
        }
        if (problem != null) {
            throw new IllegalArgumentException("\"" + setting + "\" " + problem);
        }
        return param(value);
    }

    /** The param with {@code value} as its default; only its kind counts when {@code value} is a {@link #sample()}. */
    Param param(JsonNode value) {
        Param param = Param.ofJson(setting, type, value).description(description);
        if (most != null) {
            return param.between(least, most);
        }
        return least == null ? param : param.atLeast(least);
    }

    /** A value of this kind that fits any range a rule gives, to declare a param only to check a value against it. */
    JsonNode sample() {
        return type == Param.Type.DURATION ? JsonNodeFactory.instance.textNode(Durations.format(Duration.ofHours(1)))
                : JsonNodeFactory.instance.numberNode(1);
    }
}
