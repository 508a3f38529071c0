package io.alertas.core.internal.secrets;

import io.alertas.core.internal.media.Addressed;
import io.alertas.core.internal.media.Reachable;
import io.alertas.spi.DeliveryException;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A medium behind the mask: the notification it sends has every secret masked (a message or a template that
 * quotes a webhook URL reaches the receiver as {@link Secrets#MASK}), and so has the reason it gives when it
 * fails, which is what the log, the state and the status show (a receiver that echoes the request's headers
 * and path in its error quotes the medium's own secrets).
 */
public class MaskedMedium implements Medium, Addressed {

    private final Medium medium;
    private final Secrets secrets;

    private MaskedMedium(Medium medium, Secrets secrets) {
        this.medium = medium;
        this.secrets = secrets;
    }

    /** {@code media} by the same names, each behind the mask of {@code secrets}. */
    public static Map<String, Medium> all(Map<String, Medium> media, Secrets secrets) {
        Map<String, Medium> masked = new LinkedHashMap<>();
        media.forEach((name, medium) -> masked.put(name, medium instanceof Reachable
                ? new Checkable(medium, secrets) : new MaskedMedium(medium, secrets)));
        return masked;
    }

    @Override
    public void deliver(Notification notification) throws DeliveryException {
        try {
            medium.deliver(secrets.mask(notification));
        } catch (DeliveryException e) {
            String reason = secrets.mask(e.getMessage());
            if (reason == null || reason.equals(e.getMessage())) {
                throw e;
            }
            DeliveryException masked = new DeliveryException(reason, e.retryable(), e.retryAfter().orElse(null), e.getCause());
            masked.setStackTrace(e.getStackTrace());
            throw masked;
        }
    }

    /** The receiver of the medium behind the mask, or that medium itself when it does not say. */
    @Override
    public Object receiver() {
        return medium instanceof Addressed addressed ? addressed.receiver() : medium;
    }

    /** A built-in medium, which {@code validate --connect} checks without sending. */
    private static final class Checkable extends MaskedMedium implements Reachable {
        private final Reachable reachable;

        private Checkable(Medium medium, Secrets secrets) {
            super(medium, secrets);
            this.reachable = (Reachable) medium;
        }

        @Override
        public String reach() throws IOException {
            return reachable.reach();
        }
    }
}
