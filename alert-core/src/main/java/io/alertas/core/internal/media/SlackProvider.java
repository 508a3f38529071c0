package io.alertas.core.internal.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import io.alertas.spi.SettingException;
import java.net.URI;
import java.net.URISyntaxException;

/** The {@code "slack"} section: {@code {"webhook_url": "https://hooks.slack.com/services/..."}}. */
public final class SlackProvider implements MediumProvider {

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Medium create(JsonNode settings) throws SettingException {
        String url = Settings.required(settings, "webhook_url");
        try {
            URI webhook = new URI(url);
            if (!"https".equals(webhook.getScheme()) && !"http".equals(webhook.getScheme()) || webhook.getHost() == null) {
                throw new URISyntaxException("(hidden)", "not an http(s) URL");
            }
            return new SlackMedium(webhook);
        } catch (URISyntaxException e) {
            throw new SettingException("webhook_url", "must be an https URL of a Slack incoming webhook");
        }
    }
}
