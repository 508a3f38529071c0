package io.alertas.core.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.spi.DeliveryException;
import io.alertas.core.spi.Medium;
import io.alertas.core.spi.Notification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Posts a notification to a Slack incoming webhook as Block Kit, with a plain-text fallback. The webhook
 * URL is a secret: it never appears in a message.
 */
final class SlackMedium implements Medium {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FIELDS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI webhook;
    private final HttpClient http;

    SlackMedium(URI webhook) {
        this.webhook = webhook;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public void deliver(Notification notification) throws DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload(notification).toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException("Slack webhook could not be reached: " + e.getClass().getSimpleName(), true, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("Slack delivery was interrupted", true);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        boolean retryable = status == 429 || status >= 500;
        throw new DeliveryException("Slack answered " + status + slackError(response.body()), retryable,
                retryAfter(response).orElse(null), null);
    }

    static ObjectNode payload(Notification n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("text", escape(n.title() + ": " + n.message()));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", clip(n.title(), 150));
        section(blocks, escape(n.message()));
        List<io.alertas.core.spi.Finding> listed = Text.listed(n);
        for (int from = 0; from < listed.size(); from += MAX_FIELDS) {
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            listed.subList(from, Math.min(from + MAX_FIELDS, listed.size())).forEach(f -> fields.addObject()
                    .put("type", "mrkdwn")
                    .put("text", clip("*" + escape(f.key()) + "*\n" + escape(f.text()), 2000)));
        }
        if (!n.link().isEmpty()) {
            section(blocks, "<" + n.link().replace("|", "%7C").replace(">", "%3E") + "|Open the window in Kibana Discover>");
        }
        String context = Text.context(n) + (Text.more(n).isEmpty() ? "" : "; " + Text.more(n) + " findings");
        blocks.addObject().put("type", "context").putArray("elements").addObject()
                .put("type", "mrkdwn").put("text", escape(context));
        return root;
    }

    private static void section(ArrayNode blocks, String text) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", clip(text, 3000));
    }

    /** Slack's mrkdwn reads these three as markup; text from documents must not become links or mentions. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String slackError(String body) {
        String reason = body == null ? "" : Text.oneLine(body);
        return reason.isEmpty() || reason.length() > 200 ? "" : " (" + reason + ")";
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
