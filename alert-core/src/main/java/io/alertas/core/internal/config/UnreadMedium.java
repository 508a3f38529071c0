package io.alertas.core.internal.config;

import io.alertas.spi.DeliveryException;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands for a medium of credentials.json whose secret was left unread (its variable unset, and not needed by
 * this use of the engine): alerts may name it, and it is listed, but it was not built and never delivers. Its
 * other settings were checked as far as they could be without the secret ({@link Wiring#media}).
 */
final class UnreadMedium implements Medium {

    private final String name;
    private final List<String> why;

    /** {@code why}: why each unread setting was, such as "SMTP_PASSWORD is not set". */
    UnreadMedium(String name, List<String> why) {
        this.name = name;
        this.why = List.copyOf(why);
    }

    /** The unread media of {@code media} by name, each with why it was not built ("SMTP_PASSWORD is not set"). */
    static Map<String, List<String>> whyEach(Map<String, Medium> media) {
        Map<String, List<String>> why = new LinkedHashMap<>();
        media.forEach((name, medium) -> {
            if (medium instanceof UnreadMedium unread) {
                why.put(name, unread.why);
            }
        });
        return why;
    }

    @Override
    public void deliver(Notification notification) throws DeliveryException {
        throw new DeliveryException("medium \"" + name + "\" was not started: the engine was built without the"
                + " secrets of the media (SecretsNeeded); build it with all of them to deliver", false);
    }
}
