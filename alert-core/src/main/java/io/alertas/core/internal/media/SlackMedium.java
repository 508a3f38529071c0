package io.alertas.core.internal.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.DeliveryException;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Posts a notification to a Slack incoming webhook as Block Kit, with a plain-text fallback. The webhook
 * URL is a secret: it never appears in a message.
 */
final class SlackMedium implements Medium, Reachable, Addressed {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FIELDS = 10;
    private static final int MAX_TEXT = 4000;
    private static final int MAX_HEADER = 150;
    private static final int MAX_SECTION = 3000;
    private static final int MAX_FIELD = 2000;

    private final URI webhook;
    private final Endpoint endpoint = new Endpoint("Slack");

    SlackMedium(URI webhook) {
        this.webhook = webhook;
    }

    @Override
    public String reach() throws IOException {
        return Reachable.connect(webhook);
    }

    @Override
    public Object receiver() {
        return webhook;
    }

    @Override
    public void deliver(Notification notification) throws DeliveryException {
        endpoint.send(webhook, "POST", Map.of(), payload(notification).toString(), Endpoint::plain);
    }

    /**
     * The message as Block Kit, each part within Slack's limits: the fallback text 4,000 characters (Slack
     * cuts at 40,000 and advises 4,000), a header 150, a section's text 3,000, a field 2,000 and ten fields
     * to a section, a context element 3,000. At most {@link Text#MAX_FINDINGS} findings are listed; the
     * context line counts the rest, and the Kibana link opens them all.
     */
    static ObjectNode payload(Notification n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("text", clip(escape(n.title() + ": " + n.message()), MAX_TEXT));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", clip(n.title(), MAX_HEADER));
        section(blocks, escape(n.message()));
        List<io.alertas.spi.Finding> listed = Text.listed(n);
        for (int from = 0; from < listed.size(); from += MAX_FIELDS) {
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            listed.subList(from, Math.min(from + MAX_FIELDS, listed.size())).forEach(f -> fields.addObject()
                    .put("type", "mrkdwn")
                    .put("text", clip("*" + clip(escape(f.key()), MAX_FIELD / 2) + "*\n" + escape(f.text()), MAX_FIELD)));
        }
        if (!n.link().isEmpty()) {
            section(blocks, "<" + n.link().replace("|", "%7C").replace(">", "%3E") + "|Open the window in Kibana Discover>");
        }
        String context = Text.context(n) + (Text.more(n).isEmpty() ? "" : "; " + Text.more(n) + " findings");
        blocks.addObject().put("type", "context").putArray("elements").addObject()
                .put("type", "mrkdwn").put("text", clip(escape(context), MAX_SECTION));
        return root;
    }

    private static void section(ArrayNode blocks, String text) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", clip(text, MAX_SECTION));
    }

    /** Slack's mrkdwn reads these three as markup; text from documents must not become links or mentions. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * {@code text} {@link Cut} to at most {@code max} UTF-16 units, and never inside an escape such as {@code &amp;}.
     */
    static String clip(String text, int max) {
        String cut = Cut.chars(text, max);
        if (cut.equals(text)) {
            return text;
        }
        int end = cut.length() - Cut.ELLIPSIS.length();
        int amp = text.lastIndexOf('&', end - 1);
        if (amp >= 0 && end - amp < "&amp;".length() && text.indexOf(';', amp) >= end) {
            end = amp;
        }
        return text.substring(0, end) + Cut.ELLIPSIS;
    }
}
