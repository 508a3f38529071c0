package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.spi.AlertModule;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index templates the tarball ships (index-templates/, docs/alerts.md): with them installed, documents whose
 * fields are all plain strings are mapped so that every built-in alert's grouping field is keyword, which
 * validate --connect checks for every built-in alert at once. Without them the same documents are text (see
 * {@link ValidateConnectTest}).
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class IndexTemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path TEMPLATES = Path.of("../alertas-dist/src/dist/index-templates");
    private static final String DOCUMENT = """
            {"@timestamp": "2026-05-04T10:14:00Z", "host": {"name": "web-01"}, "user": {"name": "alice"},
             "source": {"ip": "10.0.0.7"}, "event": {"code": "4625", "outcome": "failure", "dataset": "system.auth"},
             "winlog": {"channel": "Security", "event_data": {"TargetUserName": "alice", "TargetDomainName": "CORP"}},
             "group": {"name": "Domain Admins"}, "service": {"name": "checkout"}, "log": {"level": "error"},
             "metricset": {"name": "filesystem"}, "system": {"filesystem": {"mount_point": "/", "used": {"pct": 0.5}}},
             "monitor": {"id": "shop", "name": "shop", "status": "down"}, "url": {"full": "https://shop.example.com"},
             "tls": {"server": {"x509": {"not_after": "2030-01-01T00:00:00Z"}}}}
            """;

    @Test
    void withTheTemplatesEveryBuiltInAlertGroupsByKeywordFields(ElasticsearchNode node, @TempDir Path dir,
            RecordingHttpServer slack) throws Exception {
        Map<String, String> indexOf = new LinkedHashMap<>();
        for (String beat : List.of("winlogbeat", "filebeat", "metricbeat", "heartbeat")) {
            node.request("PUT", "/_index_template/alertas-" + beat, JSON.readTree(Files.readString(TEMPLATES.resolve(beat + ".json"))));
            String index = beat + "-alertas-template-test";
            node.deleteIndices(index);
            node.createIndex(index, JSON.createObjectNode()); // no replica, so the one node stays green; the template maps it
            node.index(index, List.of(JSON.readTree(DOCUMENT)));
            indexOf.put(beat, index);
        }
        TestingConfig config = new TestingConfig(dir, node, slack.url(TestingConfig.WEBHOOK_PATH), 25);
        config.credentials.remove("email");
        config.writeCredentials();
        Map<String, Object> alerts = new LinkedHashMap<>();
        int searches = 0;
        for (AlertModule module : ServiceLoader.load(AlertModule.class)) {
            for (var definition : module.alerts()) {
                String beat = beatOf(definition.index());
                if (beat != null) {
                    alerts.put(definition.name(), Map.of("index", indexOf.get(beat)));
                    searches++;
                }
            }
        }
        config.alerts(alerts);

        TestingConfig.Result result = config.run("validate", "--connect");

        assertEquals(0, result.exit(), result.out() + result.err());
        assertEquals(searches, result.out().lines().filter(l -> l.startsWith("ok  alert")).count(), result.out());
        assertTrue(result.out().lines().noneMatch(l -> l.startsWith("problem") || l.startsWith("warning")), result.out());
        assertTrue(result.out().contains("; grouped by keyword fields host.name, source.ip, winlog.event_data.TargetUserName"), result.out());
        JsonNode mapping = node.request("GET", "/" + indexOf.get("winlogbeat") + "/_mapping", null);
        assertEquals("keyword", mapping.findPath("TargetUserName").path("type").asText());
    }

    /** The Beat whose template covers an alert's default index pattern, or null for an alert that reads no Beat's data. */
    private static String beatOf(String index) {
        for (String pattern : index.split(",")) {
            for (String beat : List.of("winlogbeat", "filebeat", "metricbeat", "heartbeat")) {
                if (pattern.trim().startsWith(beat + "-")) {
                    return beat;
                }
            }
        }
        return null;
    }
}
