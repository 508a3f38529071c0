package io.alertas.core.internal.config;

import io.alertas.core.internal.Alert;
import io.alertas.core.internal.media.Leased;
import io.alertas.spi.Medium;
import java.util.List;
import java.util.Map;

/**
 * Warns of an alert whose throttle period is not shorter than the lease of a medium it sends to: the receiver
 * (Alertmanager) would end the alert while it still fires, before Alertas may tell it again.
 */
final class LeaseCheck {

    private LeaseCheck() {
    }

    static void warn(List<Alert> alerts, Map<String, Medium> media, List<String> warnings) {
        for (Alert alert : alerts) {
            for (String name : alert.media()) {
                if (media.get(name) instanceof Leased leased && alert.throttlePeriod().compareTo(leased.lease()) >= 0) {
                    warnings.add("alert \"" + alert.name() + "\": its throttle_period (" + alert.throttlePeriod().toMinutes()
                            + " min) is not shorter than the lease of medium \"" + name + "\" (" + leased.lease().toMinutes()
                            + " min), so Alertmanager would end its alerts while they still fire; give \"" + name
                            + "\" a \"lease\" longer than the throttle period");
                }
            }
        }
    }
}
