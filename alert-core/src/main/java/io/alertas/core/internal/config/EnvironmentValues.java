package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alertas.core.internal.secrets.Secrets;
import io.alertas.core.pass.Problem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code "${NAME}"} values of credentials.json, read from the environment. Each value read is a secret:
 * it goes to the secrets that every text leaving the process passes through. A variable that is unset or empty
 * leaves its setting unread: out of the copy, its place among {@link Resolved#unread}, so that what reads the
 * section knows why it is absent and says nothing more of it; where the value is {@code needed}, that is a
 * problem naming the variable, once.
 */
final class EnvironmentValues {

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** Longer names are refused unquoted: no environment holds one, and a message quoting it would not be read. */
    static final int LONGEST_NAME = 255;

    /**
     * credentials.json with the environment read in, and the settings left unread with why.
     *
     * @param tree the copy, without the unread settings
     * @param unread where each unread setting is (a JSON pointer), and why, such as "SMTP_PASSWORD is not set"
     */
    record Resolved(JsonNode tree, Map<String, String> unread) {

        /** Whether a setting at or under {@code pointer} was left unread. */
        boolean unreadUnder(String pointer) {
            return !whyUnreadUnder(pointer).isEmpty();
        }

        /** Why each setting at or under {@code pointer} was left unread, such as "SMTP_PASSWORD is not set". */
        List<String> whyUnreadUnder(String pointer) {
            return unread.entrySet().stream()
                    .filter(u -> u.getKey().equals(pointer) || u.getKey().startsWith(pointer + "/"))
                    .map(Map.Entry::getValue).sorted().distinct().toList();
        }
    }

    private final Function<String, String> environment;
    private final Secrets.Builder read;
    private final Predicate<String> needed;

    /**
     * Reads from {@code environment}, and adds each value read to {@code read}; a setting whose JSON pointer
     * {@code needed} accepts must have its variable set.
     */
    EnvironmentValues(Function<String, String> environment, Secrets.Builder read, Predicate<String> needed) {
        this.environment = environment;
        this.read = read;
        this.needed = needed;
    }

    /** A copy of {@code file}'s document with every "${NAME}" replaced from the environment. */
    Resolved resolve(LocatedJson file, List<Problem> problems) {
        Map<String, String> unread = new HashMap<>();
        return new Resolved(resolve(file, file.root(), "", problems, unread), Map.copyOf(unread));
    }

    /** {@code node} with the environment read in; null when it is a setting left unread. */
    private JsonNode resolve(LocatedJson file, JsonNode node, String pointer, List<Problem> problems,
            Map<String, String> unread) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> {
                JsonNode value = resolve(file, e.getValue(), LocatedJson.child(pointer, e.getKey()), problems, unread);
                if (value != null) {
                    copy.set(e.getKey(), value);
                }
            });
            return copy;
        }
        String text = node.isTextual() ? node.asText() : "";
        if (!text.startsWith("${") || !text.endsWith("}")) {
            return node;
        }
        String setting = "\"" + pointer.substring(pointer.lastIndexOf('/') + 1) + "\": ";
        Matcher m = ENV.matcher(text);
        if (!m.matches() || m.group(1).length() > LONGEST_NAME) {
            // the name is not quoted: it may hold control characters, or be megabytes long
            problems.add(new Problem(file.at(pointer), null, setting + "\"${...}\" names no environment variable:"
                    + " a name is at most " + LONGEST_NAME + " letters, digits and '_', not starting with a digit"));
            unread.put(pointer, "\"${...}\" names no environment variable");
            return null;
        }
        String name = m.group(1);
        String value = environment.apply(name);
        // a value read from a file or a here-document often ends in a newline that is no part of the secret
        if (value != null && !value.isBlank()) {
            read.value(value);
            return TextNode.valueOf(value.strip());
        }
        unread.put(pointer, name + (value == null ? " is not set" : " is empty"));
        if (needed.test(pointer)) {
            problems.add(new Problem(file.at(pointer), null, setting + "environment variable " + name
                    + (value == null ? " is not set; export it before running, or write the value here"
                            : " is empty; give it the value (alertas.env holds it for cron and systemd)")));
        }
        return null;
    }
}
