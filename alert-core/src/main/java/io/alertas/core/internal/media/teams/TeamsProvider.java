package io.alertas.core.internal.media.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.media.Cut;
import io.alertas.core.internal.media.Endpoint;
import io.alertas.core.internal.media.Reachable;
import io.alertas.core.internal.media.Settings;
import io.alertas.spi.Finding;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import io.alertas.spi.Notification;
import io.alertas.spi.SettingException;
import java.net.URI;
import java.util.Map;

/**
 * Microsoft Teams through a Workflows ("When a Teams webhook request is received") incoming webhook:
 * {@code {"webhook_url": "${TEAMS_WEBHOOK_URL}"}}. Each notification is a message with one Adaptive Card
 * (schema 1.4): the title, the message, a fact per finding and a button to Kibana. Teams takes at most 28 KB
 * a message: texts are cut to 1,000 characters, and at most 20 findings are listed, fewer when they would not
 * fit, the rest counted. The URL is a secret.
 */
public final class TeamsProvider implements MediumProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_FACTS = 20;
    static final int MAX_TEXT = 1000;
    /** Teams' "28 KB" message limit, in bytes, with room for the envelope Teams adds. */
    static final int MAX_BYTES = 27_000;

    @Override
    public String name() {
        return "teams";
    }

    @Override
    public Medium create(JsonNode settings) throws SettingException {
        URI url = Settings.url(settings, "webhook_url", true, "a Teams Workflows webhook");
        Endpoint endpoint = new Endpoint("Teams");
        return Reachable.http(url, notification -> endpoint.send(url, "POST", Map.of(), card(notification).toString(), Endpoint::plain));
    }

    /**
     * The message with its Adaptive Card, under Teams' 28 KB counted as Teams counts it: the UTF-8 bytes of the
     * whole payload. It lists as many findings (up to {@link #MAX_FACTS}) as fit and counts the rest.
     */
    public static ObjectNode card(Notification n) {
        for (int listed = Math.min(MAX_FACTS, n.findings().size()); ; listed--) {
            ObjectNode message = card(n, listed);
            if (listed == 0 || Cut.utf8(message.toString()) <= MAX_BYTES) {
                return message;
            }
        }
    }

    private static ObjectNode card(Notification n, int listed) {
        ObjectNode message = JSON.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", clip(n.title())).put("weight", "Bolder").put("size", "Medium")
                .put("wrap", true).put("color", n.resolved() ? "Good" : switch (n.severity()) {
                    case CRITICAL -> "Attention";
                    case WARNING -> "Warning";
                    default -> "Default";
                });
        body.addObject().put("type", "TextBlock").put("text", clip(n.message())).put("wrap", true);
        if (listed > 0) {
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            for (Finding f : n.findings().subList(0, listed)) {
                facts.addObject().put("title", clip(f.key())).put("value", clip(f.text()));
            }
        }
        int rest = n.findings().size() - listed;
        body.addObject().put("type", "TextBlock").put("isSubtle", true).put("size", "Small").put("wrap", true)
                .put("text", (rest > 0 ? rest + " more findings; " : "") + "window " + n.window().start() + " to "
                        + n.window().end() + (n.suppressed() > 0 ? "; fired " + n.suppressed() + " more times while throttled" : ""));
        if (!n.link().isEmpty()) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open in Kibana")
                    .put("url", n.link());
        }
        return message;
    }

    private static String clip(String text) {
        return Cut.chars(text, MAX_TEXT);
    }
}
