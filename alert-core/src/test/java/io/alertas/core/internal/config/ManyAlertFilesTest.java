package io.alertas.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alertas.core.internal.media.SlackProvider;
import io.alertas.core.pass.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1000 alerts.d files, read on every core and without places until a problem needs one: the problems of a few
 * of them are still said in the files' order, each at its file, line and column, an inactive alert's too.
 */
class ManyAlertFilesTest {

    @TempDir
    Path dir;

    @Test
    void theProblemsOfAFewFilesAmongAThousandAreSaidInOrderAtTheirPlaces() throws Exception {
        Files.writeString(dir.resolve("credentials.json"), """
                {"elasticsearch": {"url": "https://es.example.com:9200"}, "slack": {"webhook_url": "https://hooks.slack.com/services/T0/B0/x"}}
                """);
        Path alerts = Files.createDirectories(dir.resolve("alerts.d"));
        for (int i = 0; i < 1000; i++) {
            Files.writeString(alerts.resolve("a-%04d.json".formatted(i)), file(i));
        }
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(dir, Map.<String, String>of()::get)
                .load(List.of(), List.of(new SlackProvider())));
        // the files' own problems first, in their order; then those of the alerts' settings, the inactive one's too
        assertEquals("""
                alerts.d/a-0600.json:3:56: alert "a-0600": the query uses param "floor", which the alert does not declare; declared: (none)
                alerts.d/a-0750.json:5:17: alert "a-0750": "op" must be one of gt, gte, lt, lte, eq, ne
                alerts.d/a-0950.json:7:3: alert "a-0950": malformed JSON (not quoted here, as it may be a secret): check the quotes, commas and braces at this place; every value that is not a number, true, false or null needs quotes
                alerts.d/a-0350.json:7:20: alert "a-0350": "throttle_period" must be minutes (a number) or a duration like "90s", "30m", "2h", "1d"
                alerts.d/a-0800.json:7:19: alert "a-0800": "throttle_period" must be minutes (a number) or a duration like "90s", "30m", "2h", "1d\"""",
                e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
    }

    /**
     * The benchmark's shape of file; 350 (inactive) and 800 have a wrong setting, and 600, 750 and 950 a problem
     * that stops the file from declaring its alert.
     */
    private static String file(int i) {
        String range = i == 600 ? "{\"gte\": \"{{window.start}}\", \"lt\": \"{{params.floor}}\"}"
                : "{\"gte\": \"{{window.start}}\", \"lt\": \"{{window.end}}\"}";
        return """
                {"index": "events", "query": {"size": 0, "query": {"bool": {"filter": [
                  {"term": {"event.code": "%d"}},
                  {"range": {"@timestamp": %s}}]}},
                  "aggs": {"hosts": {"terms": {"field": "host.name", "size": 100}}}},
                  "condition": {"op": "%s", "buckets": "aggregations.hosts.buckets", "path": "doc_count", "value": 5},
                  "message": "{{doc_count}} events"%s
                  "active": %b, "throttle_period": "%s"}
                """.formatted(4000 + i % 50, range, i == 750 ? "over" : "gt", i == 950 ? "" : ",",
                i != 350, i == 350 || i == 800 ? "soon" : "1s");
    }
}
