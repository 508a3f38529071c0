package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alertas.core.internal.secrets.Secrets;
import io.alertas.core.pass.Problem;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code "${NAME}"} values of credentials.json, read from the environment. Each value read is a secret:
 * it goes to the secrets that every text leaving the process passes through.
 */
final class EnvironmentValues {

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Function<String, String> environment;
    private final Secrets.Builder read;

    /** Reads from {@code environment}, and adds each value read to {@code read}. */
    EnvironmentValues(Function<String, String> environment, Secrets.Builder read) {
        this.environment = environment;
        this.read = read;
    }

    /** A copy of {@code file}'s document with every "${NAME}" replaced from the environment. */
    JsonNode resolve(LocatedJson file, List<Problem> problems) {
        return resolve(file, file.root(), "", problems);
    }

    private JsonNode resolve(LocatedJson file, JsonNode node, String pointer, List<Problem> problems) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(),
                    resolve(file, e.getValue(), LocatedJson.child(pointer, e.getKey()), problems)));
            return copy;
        }
        if (node.isTextual()) {
            Matcher m = ENV.matcher(node.asText());
            if (m.matches()) {
                String value = environment.apply(m.group(1));
                if (value == null) {
                    problems.add(new Problem(file.at(pointer), null, "environment variable " + m.group(1)
                            + " is not set; export it before running, or write the value here"));
                    return node;
                }
                // a value read from a file or a here-document often ends in a newline that is no part of the secret
                read.value(value);
                return TextNode.valueOf(value.strip());
            }
        }
        return node;
    }
}
