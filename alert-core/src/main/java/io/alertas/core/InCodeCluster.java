package io.alertas.core;

import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.secrets.Secrets;
import io.alertas.core.pass.Problem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The cluster as {@link Alertas.Builder} gathers it in code, when there is no config dir, and its client. */
final class InCodeCluster {

    URI url;
    String username;
    String password;
    String apiKey;
    Path caCertificate;
    Duration timeout = Duration.ofSeconds(30);
    boolean allowHttpCredentials;

    /** The secrets given in code, for the mask. */
    Secrets secrets() {
        return Secrets.builder().credentials(username, password).value(apiKey).build();
    }

    /** The cluster's client, or a problem when a credential would cross the network in clear or a setting is bad. */
    ElasticsearchClient client() throws AlertasException {
        if ("http".equals(url.getScheme()) && (apiKey != null || password != null) && !allowHttpCredentials) {
            throw new AlertasException(List.of(new Problem("elasticsearch", null, "the url is http://, so the "
                    + (apiKey != null ? "API key" : "password") + " would cross the network in clear;"
                    + " use https://, or allowHttpCredentials() if this network is trusted")));
        }
        ElasticsearchClient.Builder client = ElasticsearchClient.builder(url).timeout(timeout).caCertificate(caCertificate);
        try {
            if (apiKey != null) {
                client.apiKey(apiKey);
            } else if (username != null) {
                client.basicAuth(username, password);
            }
            return client.build();
        } catch (IllegalArgumentException | IOException e) {
            throw new AlertasException(List.of(new Problem("elasticsearch", null, e.getMessage())));
        }
    }
}
