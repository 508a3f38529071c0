package io.alertas.core.spi;

/**
 * A way to deliver notifications, such as Slack or email.
 *
 * <p>Created by a {@link MediumProvider} from its settings. {@link #deliver} is called from one thread
 * at a time. It either returns, meaning the notification was accepted, or throws a
 * {@link DeliveryException}; the pass then retries with backoff and keeps the notification for later
 * passes. Messages of that exception must never contain a secret such as a webhook URL or password.
 */
public interface Medium {

    /** The name alerts use to pick this medium, such as {@code "slack"}. */
    String name();

    void deliver(Notification notification) throws DeliveryException;
}
