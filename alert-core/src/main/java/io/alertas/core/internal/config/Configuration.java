package io.alertas.core.internal.config;

import static java.util.Objects.requireNonNull;

import io.alertas.core.internal.Alert;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.history.HistorySetting;
import io.alertas.core.internal.secrets.Secrets;
import io.alertas.core.internal.state.StateSetting;
import io.alertas.core.pass.Monitoring;
import io.alertas.spi.Medium;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a pass needs, read from a config directory: the cluster (and its Kibana's URL, empty when not
 * given), where the state and the history are kept, how long a pass waits for the cluster's answers, what a pass leaves for
 * those who watch the runner (its monitoring), the configured media by
 * name, every alert (active or not), warnings worth telling the operator (none of which stop a pass), and
 * its secrets, which every text that leaves the process passes through; {@code uncheckedMedia}: the media left
 * unbuilt for want of a secret that this use did not need, by name, each with why ("SMTP_PASSWORD is not set").
 */
public record Configuration(ElasticsearchClient cluster, String kibana, StateSetting state, HistorySetting history,
        Duration passTimeout, Monitoring monitoring, Map<String, Medium> media, Map<String, List<String>> uncheckedMedia,
        List<Alert> alerts, List<String> warnings, Secrets secrets) {

    public Configuration {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(kibana, "kibana is null");
        requireNonNull(state, "state is null");
        requireNonNull(history, "history is null");
        requireNonNull(passTimeout, "passTimeout is null");
        requireNonNull(monitoring, "monitoring is null");
        media = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(media, "media is null")));
        uncheckedMedia = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(uncheckedMedia,
                "uncheckedMedia is null")));
        alerts = List.copyOf(requireNonNull(alerts, "alerts is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        requireNonNull(secrets, "secrets is null");
    }
}
