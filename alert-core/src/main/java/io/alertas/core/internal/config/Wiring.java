package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.pass.Problem;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import io.alertas.spi.SettingException;
import io.alertas.core.internal.media.ClockedProvider;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds what credentials.json describes once it is read and checked: the Elasticsearch client and the
 * media. What fails here (a CA file that holds no certificate, an API key that cannot go in a header, a
 * medium that refuses its settings) is a problem at its place in the file, like any other.
 */
final class Wiring {

    /**
     * One medium's section of credentials.json, with where it is (a JSON pointer) and the provider that makes
     * the medium from it.
     */
    record MediumSection(String name, String at, MediumProvider provider, JsonNode settings) {
    }

    private Wiring() {
    }

    /** The client for {@code cluster}, or null with the problem added. */
    static ElasticsearchClient cluster(ClusterSettings cluster, LocatedJson file, List<Problem> problems) {
        ElasticsearchClient.Builder client = ElasticsearchClient.builder(cluster.url()).timeout(cluster.timeout())
                .caCertificate(cluster.ca()).searchBatch(cluster.searchBatch());
        if (cluster.apiKey() != null) {
            try {
                client.apiKey(cluster.apiKey());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(file.at("/elasticsearch/api_key"), null, "\"api_key\": " + e.getMessage()));
                return null;
            }
        } else if (cluster.username() != null) {
            client.basicAuth(cluster.username(), cluster.password());
        }
        try {
            return client.build();
        } catch (IOException e) {
            problems.add(new Problem(file.at("/elasticsearch/ca_certificate"), null, e.getMessage()));
            return null;
        }
    }

    /**
     * The media of {@code sections} by name; a section its provider refuses is a problem, and a
     * {@link BrokenMedium} in its place so that the alerts using it do not each say it is missing. A section
     * with a setting of {@code resolved} left unread is not built: an {@link UnreadMedium} stands for it, and its
     * other settings are checked as far as they can be ({@link UncheckedMedium}). A
     * {@link ClockedProvider}'s media read the time from {@code clock}.
     */
    static Map<String, Medium> media(List<MediumSection> sections, LocatedJson file, Clock clock,
            EnvironmentValues.Resolved resolved, List<Problem> problems) {
        Map<String, Medium> media = new LinkedHashMap<>();
        for (MediumSection section : sections) {
            String name = section.name();
            if (resolved.unreadUnder(section.at())) {
                media.put(name, new UnreadMedium(name, resolved.whyUnreadUnder(section.at())));
                UncheckedMedium.problem(section, file, clock, resolved).ifPresent(problems::add);
                continue;
            }
            Problem problem;
            try {
                media.put(name, section.provider() instanceof ClockedProvider clocked
                        ? clocked.create(section.settings(), clock) : section.provider().create(section.settings()));
                continue;
            } catch (SettingException e) {
                problem = problem(name, section.at() + "/" + e.field().replace('.', '/'), e, file);
            } catch (RuntimeException e) {
                // its message is the provider's and may repeat a setting, which may be a secret
                problem = new Problem(file.at(section.at()), null,
                        name + ": the medium failed to start (" + e.getClass().getName() + "); check its settings");
            }
            problems.add(problem);
            media.put(name, new BrokenMedium(problem));
        }
        return media;
    }

    /** The problem of medium {@code name}'s setting at {@code at} (a JSON pointer) that its provider refused. */
    static Problem problem(String name, String at, SettingException e, LocatedJson file) {
        return new Problem(file.at(at), null, name + ": \"" + e.field() + "\" " + e.getMessage());
    }
}
