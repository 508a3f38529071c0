package io.alertas.core.internal.media;

import io.alertas.core.internal.backoff.Backoff;
import io.alertas.spi.DeliveryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A provider's HTTP endpoint that takes JSON: sends one request and turns the answer into success or a
 * {@link DeliveryException}. A 2xx is accepted; 408, 429 and 5xx may pass if tried again (Retry-After is
 * honoured); 400, 413 and 422 refuse the request itself (malformed, too large, invalid: PagerDuty's "do not
 * retry"), which sending it again cannot change, so it is {@link DeliveryException#refused refused}; any other
 * answer (401, 403, 404: a key or URL an operator may fix) is kept for later passes. A send that the pass's
 * deadline interrupts ends at once. The exception names the provider, the status and the provider's own reason, never the URL or a header, which
 * may hold a secret (a webhook's path, a routing key, an API key).
 */
public final class Endpoint {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Bad request, payload too large, unprocessable: the request itself is refused. */
    private static final Set<Integer> REFUSALS = Set.of(400, 413, 422);

    private final String provider;
    private final Duration timeout;
    private final SSLContext tls;
    /** Made on the first send: most passes send nothing, and a client costs the JVM's TLS set-up. */
    private HttpClient http;

    /** An endpoint of {@code provider}, the name its errors start with, such as "Slack". */
    public Endpoint(String provider) {
        this(provider, TIMEOUT, null);
    }

    /**
     * An endpoint that waits at most {@code timeout} to connect and again for each answer, and verifies TLS
     * against {@code tls} (a private CA's context), or the JVM's roots when it is null.
     */
    public Endpoint(String provider, Duration timeout, SSLContext tls) {
        this.provider = provider;
        this.timeout = timeout;
        this.tls = tls;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
            if (tls != null) {
                builder.sslContext(tls);
            }
            http = builder.build();
        }
        return http;
    }

    /**
     * Sends {@code body} to {@code url} and returns the answer's body when it is a 2xx; {@code reason} reads
     * the provider's error from any other answer's body, and says "" when it finds none.
     */
    public String send(URI url, String method, Map<String, String> headers, String body, Function<String, String> reason)
            throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException(provider + " could not be reached: " + e.getClass().getSimpleName(), true, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(provider + " delivery was interrupted", true);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body();
        }
        boolean retryable = status == 408 || status == 429 || status >= 500;
        String why = response.body() == null ? "" : reason.apply(response.body());
        String answered = provider + " answered " + status + (why.isEmpty() ? "" : " (" + why + ")");
        if (REFUSALS.contains(status)) {
            throw DeliveryException.refused(answered);
        }
        throw new DeliveryException(answered, retryable, Backoff.retryAfter(response.headers(), Instant.now()).orElse(null), null);
    }

    /** The body as the reason, when it is one short line of text; otherwise none. */
    public static String plain(String body) {
        String reason = Text.oneLine(body);
        return reason.length() > 200 ? "" : reason;
    }
}
