package io.alertas.spi;

/**
 * A way to deliver notifications, such as Slack or email.
 *
 * <p>Created by a {@link MediumProvider} from its settings, or in code by a program embedding Alertas; alerts
 * pick it by the name it is registered under. {@link #deliver} is called from one thread
 * at a time. It either returns, meaning the notification was accepted, or throws a
 * {@link DeliveryException}; the pass then retries with backoff and keeps the notification for later
 * passes, or drops it when the exception says the receiver {@linkplain DeliveryException#refused refused} it.
 * A delivery still running at the pass's deadline is interrupted and its notification kept: a medium that
 * waits should let an interrupt end the wait. Messages of that exception must never contain a secret such as
 * a webhook URL or password.
 */
@FunctionalInterface
public interface Medium {

    /** Delivers one notification, or throws saying why not; never called with null. */
    void deliver(Notification notification) throws DeliveryException;
}
