package io.alertas.core.internal.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads the "elasticsearch" section of credentials.json: where the cluster is, how to sign in (basic auth or an
 * API key, never both, never in clear over http:// unless allowed), the CA to trust, the request timeout and the
 * searches per {@code _msearch}.
 */
final class ClusterSection {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_SEARCH_BATCH = 50;

    private ClusterSection() {
    }

    /**
     * The settings of {@code es}, the section with the environment read in; null when any is wrong. Credentials
     * whose variable {@code resolved} left unread are not checked: the settings then have none. A "url" left
     * unread is not said missing: its variable was named as not set (it is always needed), and there are no
     * settings.
     */
    static ClusterSettings read(SettingReader es, Path dir, EnvironmentValues.Resolved resolved) {
        if (!es.object().isObject()) {
            es.problem("needs an \"elasticsearch\" object with at least \"url\"");
            return null;
        }
        int before = es.problems().size();
        boolean urlUnread = resolved.unreadUnder("/elasticsearch/url");
        URI url = urlUnread ? null : es.url("url", true, "https://es.example.com:9200");
        boolean unread = resolved.unreadUnder("/elasticsearch/password") || resolved.unreadUnder("/elasticsearch/api_key")
                || resolved.unreadUnder("/elasticsearch/username");
        String username = unread ? null : es.text("username", false);
        String password = unread ? null : es.text("password", false);
        String apiKey = unread ? null : es.text("api_key", false);
        if ((username == null) != (password == null)) {
            es.problem("\"username\" and \"password\" go together; give both, or \"api_key\" instead");
        }
        if (apiKey != null && username != null) {
            es.problem("api_key", "give either \"api_key\" or \"username\"/\"password\", not both");
        }
        Path ca = null;
        String caText = es.text("ca_certificate", false);
        if (caText != null) {
            ca = dir.resolve(caText);
            if (!Files.isReadable(ca)) {
                es.problem("ca_certificate", "\"ca_certificate\" file " + ca + " cannot be read");
            }
        }
        Duration timeout = es.duration("timeout", DEFAULT_TIMEOUT);
        int searchBatch = es.count("search_batch_size", DEFAULT_SEARCH_BATCH, 1, Integer.MAX_VALUE, "of at least 1");
        int beforeFlag = es.problems().size();
        boolean cleartext = es.flag("allow_http_credentials", false);
        boolean flagRead = es.problems().size() == beforeFlag; // a wrong flag is said once, not again as cleartext
        if (url != null && url.getScheme().equals("http") && (apiKey != null || password != null) && !cleartext && flagRead) {
            es.problem("url", "\"url\" is http://, so the " + (apiKey != null ? "API key" : "password")
                    + " would cross the network in clear; use https://, or add \"allow_http_credentials\": true to"
                    + " \"elasticsearch\" if this network is trusted");
        }
        if (urlUnread || es.problems().size() > before) {
            return null;
        }
        return new ClusterSettings(url, username, password, apiKey, ca, timeout, searchBatch);
    }
}
