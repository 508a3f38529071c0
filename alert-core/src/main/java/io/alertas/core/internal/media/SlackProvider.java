package io.alertas.core.internal.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import io.alertas.spi.SettingException;

/** The {@code "slack"} section: {@code {"webhook_url": "https://hooks.slack.com/services/..."}}. */
public final class SlackProvider implements MediumProvider {

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Medium create(JsonNode settings) throws SettingException {
        return new SlackMedium(Settings.url(settings, "webhook_url", true, "a Slack incoming webhook"));
    }
}
