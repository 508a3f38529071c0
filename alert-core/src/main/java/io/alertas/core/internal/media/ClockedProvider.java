package io.alertas.core.internal.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import io.alertas.spi.SettingException;
import java.time.Clock;

/**
 * A built-in provider whose media read the time when they send: the config loader makes them with the clock the
 * engine's time decisions read ({@code Alertas.Builder.clock}), so that a test's fixed clock reaches them too;
 * made through {@link MediumProvider#create(JsonNode)}, they read the system's UTC clock.
 */
public interface ClockedProvider extends MediumProvider {

    /** The medium of {@code settings}, reading the time from {@code clock}. */
    Medium create(JsonNode settings, Clock clock) throws SettingException;

    @Override
    default Medium create(JsonNode settings) throws SettingException {
        return create(settings, Clock.systemUTC());
    }
}
