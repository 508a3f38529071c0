package io.alertas.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fills a node with a day of Windows events as Winlogbeat 8 would: daily {@code winlogbeat-8.19.0-yyyy.MM.dd}
 * indices under an index template that maps strings as keywords (Winlogbeat's own template does, but for
 * {@code message}, which is text) and the ECS addresses as {@code ip}. The events spread over the 24 hours
 * before {@code now}, more by day than by night (UTC office hours), so the newest minute holds about a
 * 1440th of them; the attacks go into that minute. Bulk requests of 5000 events, the next made while one is sent.
 */
final class WinlogbeatLoad {

    static final String PATTERN = "winlogbeat-*";
    private static final int CHUNK = 5000;
    private static final int HOSTS = 600;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private final ElasticsearchNode node;
    private final NodeClient client;

    private WinlogbeatLoad(ElasticsearchNode node) throws Exception {
        this.node = node;
        this.client = NodeClient.of(node);
    }

    /** What was loaded: events, attacks planted, wall time, the indices' size on disk. */
    record Loaded(long events, List<WinlogbeatAttacks.Attack> attacks, long millis, long storeBytes, long newestMinute) {
    }

    /** Indexes {@code count} ordinary events and the attacks into {@code node}, the newest just before {@code now}. */
    static Loaded load(ElasticsearchNode node, long count, Instant now) throws Exception {
        return new WinlogbeatLoad(node).run(count, now);
    }

    private Loaded run(long count, Instant now) throws Exception {
        node.request("PUT", "/_index_template/winlogbeat-bench", WinlogbeatEvents.JSON.readTree("""
                {"index_patterns": ["%s"], "template": {
                  "settings": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "-1"},
                  "mappings": {
                    "dynamic_templates": [{"strings": {"match_mapping_type": "string", "mapping": {"type": "keyword"}}}],
                    "properties": {"@timestamp": {"type": "date"}, "event": {"properties": {"created": {"type": "date"}}},
                      "message": {"type": "text"},
                      "source": {"properties": {"ip": {"type": "ip"}}}, "destination": {"properties": {"ip": {"type": "ip"}}}}}}}
                """.formatted(PATTERN)));
        long started = System.nanoTime();
        WinlogbeatEvents events = new WinlogbeatEvents(25, HOSTS);
        long[] perMinute = perMinute(count, now);
        StringBuilder chunk = new StringBuilder();
        int inChunk = 0;
        CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);
        // oldest minute first, as a shipper sends them; each minute's events spread evenly over it
        for (int minute = perMinute.length - 1; minute >= 0; minute--) {
            Instant start = now.minusSeconds(60L * (minute + 1));
            for (long i = 0; i < perMinute[minute]; i++) {
                append(chunk, events.next(start.plusMillis(i * 60_000 / perMinute[minute])));
                if (++inChunk == CHUNK) {
                    sending.join();
                    sending = send(chunk.toString());
                    chunk.setLength(0);
                    inChunk = 0;
                }
            }
        }
        List<WinlogbeatAttacks.Attack> attacks = WinlogbeatAttacks.at(events, HOSTS / 2, now.minusSeconds(40));
        attacks.forEach(attack -> append(chunk, attack.event()));
        sending.join();
        send(chunk.toString()).join();
        node.request("PUT", "/" + PATTERN + "/_settings", WinlogbeatEvents.JSON.readTree("{\"index\": {\"refresh_interval\": null}}"));
        node.request("POST", "/" + PATTERN + "/_refresh", null);
        long millis = (System.nanoTime() - started) / 1_000_000;
        JsonNode stats = node.request("GET", "/" + PATTERN + "/_stats/docs,store", null).path("_all").path("primaries");
        return new Loaded(stats.path("docs").path("count").asLong(), attacks, millis,
                stats.path("store").path("size_in_bytes").asLong(), perMinute[0] + attacks.size());
    }

    /**
     * How many events each minute before {@code now} holds (index 0 the newest): {@code count} in all, a minute of
     * UTC office hours (7 to 18) three times one of the night.
     */
    static long[] perMinute(long count, Instant now) {
        double[] weight = new double[1440];
        double total = 0;
        for (int minute = 0; minute < weight.length; minute++) {
            int hour = now.minusSeconds(60L * (minute + 1)).atZone(ZoneOffset.UTC).getHour();
            weight[minute] = hour >= 7 && hour < 18 ? 3 : 1;
            total += weight[minute];
        }
        long[] counts = new long[weight.length];
        long given = 0;
        for (int minute = 0; minute < weight.length; minute++) {
            counts[minute] = Math.round(count * weight[minute] / total);
            given += counts[minute];
        }
        counts[counts.length - 1] += count - given;
        return counts;
    }

    private static void append(StringBuilder chunk, ObjectNode event) {
        Instant at = Instant.parse(event.get("@timestamp").asText());
        chunk.append("{\"create\":{\"_index\":\"winlogbeat-8.19.0-").append(DAY.format(at)).append("\"}}\n")
                .append(event).append('\n');
    }

    private CompletableFuture<Void> send(String ndjson) {
        return client.ndjson("/_bulk?filter_path=errors,items.*.error", ndjson).thenAccept(answer -> {
            if (answer.path("errors").asBoolean()) {
                throw new IllegalStateException("bulk failed: " + answer.path("items").path(0));
            }
        });
    }
}
