package io.alertas.core.internal.config;

import io.alertas.spi.DeliveryException;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;

/**
 * Stands for a medium of credentials.json whose secret was left unread (its variable unset, and not needed by
 * this use of the engine): alerts may name it, and it is listed, but it was not built and never delivers.
 */
final class UnreadMedium implements Medium {

    private final String name;

    UnreadMedium(String name) {
        this.name = name;
    }

    @Override
    public void deliver(Notification notification) throws DeliveryException {
        throw new DeliveryException("medium \"" + name + "\" was not started: the engine was built without the"
                + " secrets of the media (SecretsNeeded); build it with all of them to deliver", false);
    }
}
