package io.alertas.core.internal.media.alertmanager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.media.Cut;
import io.alertas.core.internal.media.Keys;
import io.alertas.spi.Notification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The alerts of one notification as Alertmanager's API v2 takes them ({@code postableAlert}): one per finding,
 * or one for an alert without findings. Its labels are its identity at Alertmanager, so a resolved notification
 * gives the very same ones: {@code alertname}, {@code severity}, {@code key} (left out when the alert has no
 * findings), {@code plugin} (left out when unknown) and the medium's own {@code labels}. A firing alert starts
 * at {@code firedAt} and ends a lease after it is sent (after {@code firedAt} if that is later), so that
 * Alertmanager resolves it by itself if Alertas stops telling it, and a notification kept longer than the lease
 * (no Alertmanager took it, or it waited out a maintenance window) still arrives firing; a resolved one ends at
 * the resolution's time.
 */
final class PostableAlerts {

    /** The longest label value sent, in characters; a longer key is cut and hashed so that it stays one identity. */
    static final int MAX_LABEL = 1024;
    /** The longest title annotation, in characters. */
    static final int MAX_TITLE = 1024;
    /** The longest message annotation, in bytes of UTF-8. */
    static final int MAX_MESSAGE_BYTES = 32 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> labels;
    private final Duration lease;
    private final Clock clock;

    /**
     * Alerts with the medium's own {@code labels} (already checked) that stay firing for {@code lease} after
     * {@code clock}'s time of sending.
     */
    PostableAlerts(Map<String, String> labels, Duration lease, Clock clock) {
        this.labels = Map.copyOf(labels);
        this.lease = lease;
        this.clock = clock;
    }

    /** How long a firing alert lasts at Alertmanager unless told again. */
    Duration lease() {
        return lease;
    }

    /** The alert of one finding, or of the whole alert when {@code key} is "" ({@code text} is then the message). */
    ObjectNode alert(Notification n, String key, String text) {
        ObjectNode alert = JSON.createObjectNode();
        ObjectNode labelSet = alert.putObject("labels").put("alertname", value(n.alert()))
                .put("severity", n.severity().label().toLowerCase(Locale.ROOT));
        if (!key.isEmpty()) {
            labelSet.put("key", value(Keys.bounded(key, MAX_LABEL)));
        }
        if (!n.plugin().isEmpty()) {
            labelSet.put("plugin", value(n.plugin()));
        }
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(l -> labelSet.put(l.getKey(), l.getValue()));
        ObjectNode annotations = alert.putObject("annotations").put("title", Cut.chars(value(n.title()), MAX_TITLE))
                .put("message", Cut.bytes(multiline(key.isEmpty() ? text : key + ": " + text), MAX_MESSAGE_BYTES));
        if (!n.link().isEmpty()) {
            annotations.put("link", n.link());
        }
        if (n.resolved()) {
            alert.put("endsAt", n.firedAt().toString());
        } else {
            Instant sent = clock.instant();
            Instant from = sent.isAfter(n.firedAt()) ? sent : n.firedAt();
            alert.put("startsAt", n.firedAt().toString()).put("endsAt", from.plus(lease).toString());
        }
        String generator = n.link().isEmpty() ? n.cluster() : n.link();
        if (!generator.isEmpty()) {
            alert.put("generatorURL", generator);
        }
        return alert;
    }

    /**
     * A label value: one line of valid UTF-8 (control characters become spaces, half an emoji the replacement
     * character), at most {@link #MAX_LABEL} characters.
     */
    static String value(String text) {
        return Cut.chars(wellFormed(text).replaceAll("\\p{Cntrl}+", " ").strip(), MAX_LABEL);
    }

    /** An annotation of several lines: control characters other than line breaks and tabs become spaces. */
    private static String multiline(String text) {
        return wellFormed(text).replaceAll("[\\p{Cntrl}&&[^\\n\\t]]+", " ");
    }

    /** {@code text} with each lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD. */
    private static String wellFormed(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
