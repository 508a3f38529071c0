package io.alertas.core.internal.config;

import io.alertas.core.pass.SecretsNeeded;
import io.alertas.core.internal.PassTimeout;
import io.alertas.core.internal.Timings;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.history.HistorySetting;
import io.alertas.core.internal.secrets.ConfiguredSecrets;
import io.alertas.core.internal.secrets.Secrets;
import io.alertas.core.internal.state.StateSetting;
import io.alertas.core.pass.Monitoring;
import io.alertas.core.pass.Problem;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * credentials.json, read: the cluster's client (null when its settings have problems) and its Kibana's URL (empty
 * when not given), the pass timeout, where the state and the history are kept, the monitoring, the media by name (those given in
 * code among them) and the secrets.
 * Each section is read by its own part ({@link ClusterSection}, {@link StateSection}, {@link HistorySection},
 * {@link MonitoringSection},
 * {@link MediaSections}); {@link Wiring} builds what they describe.
 */
record Credentials(ElasticsearchClient cluster, String kibana, Duration passTimeout, StateSetting state,
        HistorySetting history, Monitoring monitoring, Map<String, Medium> media, Secrets secrets) {

    /**
     * Reads {@code dir}'s credentials.json, its {@code "${NAME}"} values from {@code environment} (those of
     * {@code needed} must be set); null when it cannot be read. The client's building is counted to
     * {@code timings}; the media read the time from {@code clock}; a medium of {@code givenMedia} may not also be
     * a section.
     */
    static Credentials read(Path dir, Function<String, String> environment, SecretsNeeded needed, Timings timings,
            Clock clock, List<MediumProvider> providers, Map<String, Medium> givenMedia, List<Problem> problems,
            List<String> warnings) {
        LocatedJson file = ConfigFiles.object(dir, ConfigLoader.CREDENTIALS,
                "not found; it must hold the cluster URL and credentials", problems);
        if (file == null) {
            return null;
        }
        if (ConfiguredSecrets.heldIn(file.root())) { // all "${NAME}", as in a Kubernetes ConfigMap: nothing to hide
            warnIfReadableByOthers(dir.resolve(ConfigLoader.CREDENTIALS), warnings);
        }
        Secrets.Builder fromEnvironment = Secrets.builder();
        EnvironmentValues.Resolved resolved = new EnvironmentValues(environment, fromEnvironment,
                NeededSecrets.of(needed, file.root())).resolve(file, problems);
        Secrets secrets = ConfiguredSecrets.add(resolved.tree(), fromEnvironment).build();
        SettingReader credentials = new SettingReader(file, resolved.tree(), "", null, problems);
        SettingReader es = credentials.child("elasticsearch");
        ClusterSettings clusterSettings = ClusterSection.read(es, dir, resolved);
        URI kibana = es.url("kibana_url", false, "https://kibana.example.com");
        Duration passTimeout = es.duration("pass_timeout", PassTimeout.DEFAULT);
        StateSetting state = StateSection.read(credentials.child("state"));
        HistorySetting history = HistorySection.read(credentials.child("history"), state);
        Monitoring monitoring = MonitoringSection.read(credentials.child("monitoring"), dir);
        List<Wiring.MediumSection> sections = MediaSections.read(credentials, providers, warnings);
        // parsed; what the settings describe is built apart
        ElasticsearchClient cluster = clusterSettings == null ? null
                : timings.time(Timings.Phase.CLIENT, () -> Wiring.cluster(clusterSettings, file, problems));
        Map<String, Medium> media = Wiring.media(sections, file, clock, resolved, problems);
        for (String name : givenMedia.keySet()) {
            if (media.containsKey(name)) {
                credentials.problem(name, "medium \"" + name + "\" is also given in code; remove one of them");
            }
        }
        media.putAll(givenMedia);
        return new Credentials(cluster, kibana == null ? "" : kibana.toString(), passTimeout, state, history, monitoring, media,
                secrets);
    }

    private static void warnIfReadableByOthers(Path file, List<String> warnings) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.add(file + " is readable by group or others; it holds secrets: chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
