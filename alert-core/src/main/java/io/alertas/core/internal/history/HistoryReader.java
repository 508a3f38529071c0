package io.alertas.core.internal.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.core.pass.Firings;
import io.alertas.core.pass.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the history back: one alert's documents since a time, newest first, and the firings of every alert per
 * hour over the last day. Both search every daily index ({@code INDEX-*}); an index that is not there yet is
 * an empty history.
 */
public final class HistoryReader {

    /** The most documents one read returns. */
    public static final int MAX_ENTRIES = 1000;
    /** The hours the firings cover, the current one last. */
    static final int HOURS = 24;
    /** The most alerts the firings count. */
    private static final int MAX_ALERTS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchClient cluster;
    private final HistoryIndex index;

    public HistoryReader(ElasticsearchClient cluster, HistorySetting setting) {
        this.cluster = cluster;
        this.index = new HistoryIndex(cluster, setting.index(), setting.retention());
    }

    /** Alert {@code alert}'s documents from {@code since} on, newest first, at most {@code limit} (and {@link #MAX_ENTRIES}). */
    public List<HistoryEntry> entries(String alert, Instant since, int limit) throws ElasticsearchException {
        ObjectNode body = JSON.createObjectNode().put("size", Math.max(0, Math.min(limit, MAX_ENTRIES)));
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("alert", alert);
        filter.addObject().putObject("range").putObject("@timestamp").put("gte", since.toString());
        body.putArray("sort").addObject().putObject("@timestamp").put("order", "desc").put("unmapped_type", "date");
        List<HistoryEntry> entries = new ArrayList<>();
        for (JsonNode hit : search(body).path("hits").path("hits")) {
            JsonNode d = hit.path("_source");
            entries.add(new HistoryEntry(Instant.parse(d.path("@timestamp").asText()), d.path("alert").asText(),
                    text(d, "key"), text(d, "severity"), text(d, "medium"), d.path("outcome").asText(),
                    text(d, "message"), instant(d.path("window").path("start")), instant(d.path("window").path("end")),
                    text(d, "runner"), text(d, "plugin")));
        }
        return entries;
    }

    /** The firings of each alert in each of the {@value #HOURS} hours up to the one of {@code now}. */
    public Firings firings(Instant now) throws ElasticsearchException {
        Instant from = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
        ObjectNode body = JSON.createObjectNode().put("size", 0);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("outcome", "fired");
        filter.addObject().putObject("range").putObject("@timestamp").put("gte", from.toString())
                .put("lt", from.plus(Duration.ofHours(HOURS)).toString());
        ObjectNode alerts = body.putObject("aggs").putObject("alerts");
        alerts.putObject("terms").put("field", "alert").put("size", MAX_ALERTS);
        alerts.putObject("aggs").putObject("hours").putObject("date_histogram").put("field", "@timestamp")
                .put("fixed_interval", "1h").put("min_doc_count", 1);
        Map<String, List<Long>> perAlert = new TreeMap<>();
        for (JsonNode bucket : search(body).path("aggregations").path("alerts").path("buckets")) {
            Long[] counts = new Long[HOURS];
            Arrays.fill(counts, 0L);
            for (JsonNode hour : bucket.path("hours").path("buckets")) {
                long slot = (hour.path("key").asLong() - from.toEpochMilli()) / Duration.ofHours(1).toMillis();
                if (slot >= 0 && slot < HOURS) {
                    counts[(int) slot] += hour.path("doc_count").asLong();
                }
            }
            perAlert.put(bucket.path("key").asText(), List.of(counts));
        }
        return new Firings(from, Duration.ofHours(1), perAlert);
    }

    private JsonNode search(ObjectNode body) throws ElasticsearchException {
        return cluster.request("POST", "/" + ElasticsearchClient.encodeIndex(index.pattern())
                + "/_search?ignore_unavailable=true&allow_no_indices=true", body);
    }

    private static String text(JsonNode document, String field) {
        JsonNode value = document.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }
}
