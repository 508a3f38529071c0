package io.alertas.dist;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the install tests of the tarball and the Debian package share: running a command as a user would, the
 * logons that switch the first alert on, and the edits a user makes to the config that {@code alertas init}
 * writes (the cluster, the secrets in alertas.env, one alert switched on).
 */
final class Installs {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exit, String out, String err) {
    }

    private Installs() {
    }

    /**
     * Creates {@code index} holding a logon of Administrator every 10 s from a minute ago to four minutes ahead:
     * the first pass's window, a minute wide and a minute back from whenever it runs, holds some of them.
     */
    static void indexLogons(ElasticsearchNode node, String index) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        node.deleteIndices(index);
        node.createIndex(index, JSON.readTree("""
                {"dynamic_templates": [{"strings": {"match_mapping_type": "string", "mapping": {"type": "keyword"}}}],
                 "properties": {"@timestamp": {"type": "date"}, "source": {"properties": {"ip": {"type": "ip"}}}}}
                """));
        StringBuilder logons = new StringBuilder();
        for (int offset = -60; offset <= 240; offset += 10) {
            logons.append("""
                    {"@timestamp":"%s","event":{"code":"4624"},"host":{"name":"dc-01"},"source":{"ip":"10.0.0.5"},"winlog":{"event_data":{"TargetUserName":"Administrator"}}}
                    """.formatted(now.plusSeconds(offset)));
        }
        node.index(index, Fixtures.parse(logons.toString(), now, "logons"));
    }

    /**
     * The edits a user makes to the config dir {@code etc} that init wrote: the node's URL and user, its CA copied
     * to {@code etc/http_ca.crt}, the secrets in alertas.env (the Slack medium posting to {@code slack}), and
     * privileged_logon switched on over {@code index}.
     */
    static void configure(Path etc, ElasticsearchNode node, String index, URI slack) throws Exception {
        String credentials = Files.readString(etc.resolve("credentials.json"))
                .replace("https://localhost:9200", node.url().toString())
                .replace("\"alertas\"", "\"" + ElasticsearchNode.USERNAME + "\"");
        if (node.cluster().secured()) {
            Path ca = etc.resolve("http_ca.crt");
            Files.copy(node.caCertificate(), ca);
            credentials = credentials.replace("// , \"ca_certificate\": \"/etc/alertas/http_ca.crt\"",
                    ", \"ca_certificate\": \"" + ca + "\"");
        }
        Files.writeString(etc.resolve("credentials.json"), credentials);
        Files.writeString(etc.resolve("alertas.env"), "ES_PASSWORD=" + ElasticsearchNode.PASSWORD + "\n"
                + "SLACK_WEBHOOK_URL=" + slack + "\n");
        Files.writeString(etc.resolve("alerts.json"), Files.readString(etc.resolve("alerts.json")).replace(
                "\"privileged_logon\": { \"active\": false }",
                "\"privileged_logon\": { \"active\": true, \"index\": \"" + index + "\", \"params\": {\"users\": [\"Administrator\"]} }"));
    }

    /** Runs {@code command} in {@code dir} with only {@code env}, its output kept in files in {@code dir}. */
    static Result exec(Map<String, String> env, Path dir, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end in 5 minutes");
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
