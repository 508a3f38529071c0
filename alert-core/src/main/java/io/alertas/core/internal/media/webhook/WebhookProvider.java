package io.alertas.core.internal.media.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.media.Endpoint;
import io.alertas.core.internal.media.HeaderValues;
import io.alertas.core.internal.media.Reachable;
import io.alertas.core.internal.media.Settings;
import io.alertas.core.internal.templates.Template;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import io.alertas.spi.Notification;
import io.alertas.spi.SettingException;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A generic webhook: {@code {"url": "${HOOK_URL}", "method": "POST", "headers": {"Authorization":
 * "${HOOK_TOKEN}"}, "body": "{\"text\": \"{{title}}: {{message}}\"}"}}. The body is a JSON template over the
 * notification's fields (see {@link Template}); without one, the notification is sent as JSON. The URL and
 * the header values are secrets.
 */
public final class WebhookProvider implements MediumProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Medium create(JsonNode settings) throws SettingException {
        URI url = Settings.url(settings, "url", true, "the receiver");
        String method = Settings.optional(settings, "method", "POST");
        if (!METHODS.contains(method)) {
            throw new SettingException("method", "must be POST, PUT or PATCH");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode given = settings.path("headers");
        if (!given.isMissingNode() && !given.isObject()) {
            throw new SettingException("headers", "must be an object of header names and values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (!header.getKey().matches("[A-Za-z0-9-]+") || !header.getValue().isTextual()) {
                throw new SettingException("headers." + header.getKey(), "must be a header name with a one-line text value");
            }
            HeaderValues.check("headers." + header.getKey(), header.getValue().asText());
            headers.put(header.getKey(), header.getValue().asText());
        }
        String source = Settings.optional(settings, "body", null);
        Function<Notification, String> body = WebhookProvider::json;
        if (source != null) {
            try {
                Template template = Template.json("body", source);
                body = notification -> template.renderOr(notification, "webhook body", () -> json(notification));
            } catch (Template.Invalid e) {
                throw new SettingException("body", e.getMessage());
            }
        }
        Endpoint endpoint = new Endpoint("webhook");
        Function<Notification, String> payload = body;
        return Reachable.http(url, notification -> endpoint.send(url, method, headers, payload.apply(notification), Endpoint::plain));
    }

    /** The notification as JSON, the body when no template is given. */
    static String json(Notification n) {
        ObjectNode body = JSON.createObjectNode().put("alert", n.alert()).put("severity", n.severity().label())
                .put("resolved", n.resolved()).put("title", n.title()).put("message", n.message());
        ArrayNode findings = body.putArray("findings");
        n.findings().forEach(f -> findings.addObject().put("key", f.key()).put("text", f.text()));
        body.putObject("window").put("start", n.window().start().toString()).put("end", n.window().end().toString());
        return body.put("fired_at", n.firedAt().toString()).put("suppressed", n.suppressed()).put("link", n.link())
                .put("cluster", n.cluster()).toString();
    }
}
