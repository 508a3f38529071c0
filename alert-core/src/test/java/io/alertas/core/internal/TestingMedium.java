package io.alertas.core.internal;

import io.alertas.spi.DeliveryException;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import java.util.ArrayList;
import java.util.List;

/** A medium that keeps what it is given, for unit tests of a pass; it can be told to fail. */
final class TestingMedium implements Medium {

    final List<Notification> delivered = new ArrayList<>();
    boolean failing;

    @Override
    public void deliver(Notification notification) throws DeliveryException {
        if (failing) {
            throw new DeliveryException("receiver is down", true);
        }
        delivered.add(notification);
    }
}
