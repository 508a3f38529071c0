package io.alertas.core.internal.media;

import io.alertas.spi.DeliveryException;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import java.util.ArrayList;
import java.util.List;

/**
 * A notification sent to a paging service as events: one per finding, each deduplicated by the alert and its
 * key, or one for the whole alert when it has no findings (the key is then "", its identity the alert's name).
 * When an event fails, the failure says which findings went before it, so that they are not sent again.
 */
public final class Events {

    /** Sends the event of one finding ({@code key} "" and the message for an alert without findings). */
    @FunctionalInterface
    public interface Event {
        void send(String key, String text) throws DeliveryException;
    }

    private Events() {
    }

    public static void send(Notification notification, Event event) throws DeliveryException {
        if (notification.findings().isEmpty()) {
            event.send("", notification.message());
            return;
        }
        List<String> accepted = new ArrayList<>();
        for (Finding finding : notification.findings()) {
            try {
                event.send(finding.key(), finding.text());
            } catch (DeliveryException e) {
                throw e.afterAccepting(accepted);
            }
            accepted.add(finding.key());
        }
    }
}
