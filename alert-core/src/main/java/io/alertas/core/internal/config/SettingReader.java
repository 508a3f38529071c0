package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.pass.Problem;
import io.alertas.spi.Durations;
import io.alertas.spi.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * One settings object of a config file, read by type. Each kind of value (a string, an http(s) URL, a
 * duration, a list of strings, a flag, a count, a severity) has its rule and its message here once; each
 * problem is placed at its file:line:column and names the alert it concerns, when it concerns one.
 */
final class SettingReader {

    /** The durations for which 0 means nothing: no wait for an answer, an empty window. */
    private static final Set<String> LONGER_THAN_ZERO = Set.of("timeout", "pass_timeout", "max_catchup", "retention");

    private final LocatedJson file;
    private final JsonNode object;
    private final String at;
    private final String alert;
    private final List<Problem> problems;

    /**
     * A reader of {@code object}, the value at {@code at} (a JSON pointer) in {@code file}, whose problems go to
     * {@code problems} naming {@code alert} (null when they concern none).
     */
    SettingReader(LocatedJson file, JsonNode object, String at, String alert, List<Problem> problems) {
        this.file = file;
        this.object = object;
        this.at = at;
        this.alert = alert;
        this.problems = problems;
    }

    /** A reader of the value under {@code key}, for the same alert. */
    SettingReader child(String key) {
        return new SettingReader(file, object.path(key), LocatedJson.child(at, key), alert, problems);
    }

    /** A reader of the element {@code index} of this list, for the same alert. */
    SettingReader element(int index) {
        return new SettingReader(file, object.path(index), at + "/" + index, alert, problems);
    }

    JsonNode object() {
        return object;
    }

    /** The alert these settings concern, or null. */
    String alert() {
        return alert;
    }

    /** The JSON pointer of this object. */
    String at() {
        return at;
    }

    List<Problem> problems() {
        return problems;
    }

    boolean has(String key) {
        return object.has(key);
    }

    /** Says {@code message} at the place of this object. */
    void problem(String message) {
        problems.add(new Problem(file.at(at), alert, message));
    }

    /** Says {@code message} at the place of {@code key}, or of this object when it has none. */
    void problem(String key, String message) {
        problems.add(new Problem(place(key), alert, message));
    }

    /** {@code file:line:column} of {@code key}, or of this object when it has none. */
    String place(String key) {
        return file.at(LocatedJson.child(at, key));
    }

    /**
     * The non-empty string under {@code key}; null when it is absent or null (said when {@code required}) or,
     * said at its place, when it is something else.
     */
    String text(String key, boolean required) {
        JsonNode value = object.path(key);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                problem("\"" + key + "\" is missing");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problem(key, "\"" + key + "\" must be a non-empty string");
            return null;
        }
        return value.asText();
    }

    /**
     * The http(s) URL under {@code key}, or null. A URL may be a secret: a wrong one is never quoted, and one
     * that holds a user name or password is refused, as they belong in settings that are kept out of messages.
     */
    URI url(String key, boolean required, String example) {
        String text = text(key, required);
        if (text == null) {
            return null;
        }
        try {
            URI url = new URI(text);
            if (url.getRawUserInfo() != null) {
                problem(key, "\"" + key + "\" holds a user name or password; give them as \"username\" and"
                        + " \"password\", where they are kept out of messages");
                return null;
            }
            if (("https".equals(url.getScheme()) || "http".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // said below, without the value
        }
        problem(key, "\"" + key + "\" must be an http(s) URL such as \"" + example + "\"");
        return null;
    }

    /**
     * The duration under {@code key}, or {@code fallback} when it is absent or, said at its place, not a
     * duration within {@link Durations}' bounds.
     */
    Duration duration(String key, Duration fallback) {
        JsonNode value = object.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        Optional<String> problem = Durations.problem(value, !LONGER_THAN_ZERO.contains(key));
        problem.ifPresent(p -> problem(key, "\"" + key + "\" " + p));
        return problem.isPresent() ? fallback : Durations.parse(value);
    }

    /** A string or a list of strings under {@code key}; empty when absent. */
    List<String> strings(String key) {
        JsonNode value = object.path(key);
        List<String> items = new ArrayList<>();
        if (value.isTextual()) {
            items.add(value.asText());
        } else if (value.isArray() && StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isTextual)) {
            value.forEach(v -> items.add(v.asText()));
        } else if (!value.isMissingNode()) {
            problem(key, "\"" + key + "\" must be a string or a list of strings");
        }
        return items;
    }

    /** The flag under {@code key}, or {@code fallback} when it is absent or, said at its place, not true or false. */
    boolean flag(String key, boolean fallback) {
        JsonNode value = object.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(key, "\"" + key + "\" must be true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    /**
     * The whole number under {@code key} from {@code min} to {@code max}, or {@code fallback} when it is absent
     * or, said at its place, out of them; {@code bounds} says them, such as {@code "of at least 1"}.
     */
    int count(String key, int fallback, int min, int max, String bounds) {
        JsonNode value = object.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            problem(key, "\"" + key + "\" must be a whole number " + bounds);
            return fallback;
        }
        return value.asInt();
    }

    /** The severity that {@code label} (read from {@code key}) names; null, said at the key's place, when none. */
    Severity severity(String key, String label) {
        try {
            return Severity.fromLabel(label);
        } catch (IllegalArgumentException e) {
            problem(key, "\"" + key + "\" " + e.getMessage());
            return null;
        }
    }

    /**
     * Says each key of this object that is not one of {@code known}, listed in their order: {@code what} is the
     * kind of key ({@code "setting"}, {@code "route setting"}, ...).
     */
    void unknown(String what, Collection<String> known) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problem(key, "unknown " + what + " \"" + key + "\"; known: " + String.join(", ", known));
            }
        }
    }
}
