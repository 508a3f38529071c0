package io.alertas.core.internal.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The history's indices in the cluster: one a day, {@code INDEX-YYYY.MM.DD} by the UTC date of its documents,
 * under the composable index template {@code INDEX} (installed when missing), each deleted once all its day
 * is older than the retention. Daily indices and a template work alike on Elasticsearch 7.17 to 9 and
 * OpenSearch 2 and 3; deleting by the date in the name needs no lifecycle policy (ILM and ISM differ).
 */
final class HistoryIndex {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd");
    /** How many indices one delete request names. */
    private static final int DELETE_BATCH = 50;

    private final ElasticsearchClient cluster;
    private final String index;
    private final Duration retention;

    HistoryIndex(ElasticsearchClient cluster, String index, Duration retention) {
        this.cluster = cluster;
        this.index = index;
        this.retention = retention;
    }

    /** The index of the documents of {@code at}. */
    String daily(Instant at) {
        return index + "-" + DAY.format(at.atZone(ZoneOffset.UTC));
    }

    /** The pattern of every daily index. */
    String pattern() {
        return index + "-*";
    }

    /** Whether the index of {@code at} exists. */
    boolean exists(Instant at) throws ElasticsearchException {
        return cluster.conditional("HEAD", "/" + ElasticsearchClient.encodeIndex(daily(at)), null).found();
    }

    /** Installs the index template unless one of its name is there. */
    void template() throws ElasticsearchException {
        String path = "/_index_template/" + ElasticsearchClient.encodeIndex(index);
        if (!cluster.conditional("GET", path, null).found()) {
            cluster.request("PUT", path, template(index));
        }
    }

    /** The index template of the daily indices of {@code index}, as shipped in this package. */
    static JsonNode template(String index) {
        try (InputStream in = HistoryIndex.class.getResourceAsStream("template.json")) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("INDEX-*", index + "-*"));
        } catch (IOException e) {
            throw new UncheckedIOException("the history's index template cannot be read from the jar", e);
        }
    }

    /** Deletes the daily indices whose whole day is older than the retention at {@code now}; returns their names. */
    List<String> expire(Instant now) throws ElasticsearchException {
        List<String> names = new ArrayList<>();
        JsonNode listed = cluster.request("GET", "/_cat/indices/" + ElasticsearchClient.encodeIndex(pattern())
                + "?format=json&h=index", null);
        listed.forEach(row -> names.add(row.path("index").asText()));
        List<String> expired = expired(names, now);
        for (int i = 0; i < expired.size(); i += DELETE_BATCH) {
            List<String> batch = expired.subList(i, Math.min(expired.size(), i + DELETE_BATCH));
            cluster.request("DELETE", "/" + String.join(",", batch.stream().map(ElasticsearchClient::encodeIndex)
                    .toList()), null);
        }
        return expired;
    }

    /** Those of {@code names} that are daily indices of this history whose whole day ended before now minus the retention. */
    List<String> expired(List<String> names, Instant now) {
        Instant cutoff = now.minus(retention);
        List<String> expired = new ArrayList<>();
        for (String name : names) {
            if (!name.startsWith(index + "-")) {
                continue;
            }
            try {
                LocalDate day = LocalDate.parse(name.substring(index.length() + 1), DAY);
                if (!day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(cutoff)) {
                    expired.add(name);
                }
            } catch (DateTimeParseException e) {
                // not one of the daily indices, though its name starts alike: not the history's to delete
            }
        }
        return expired.stream().sorted().toList();
    }
}
