package io.alertas.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alertas.core.internal.history.HistorySetting;
import io.alertas.core.internal.media.SlackProvider;
import io.alertas.core.pass.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** credentials.json's "history" section: its defaults, and one clear line for each hostile value. */
class HistorySectionTest {

    @TempDir
    Path dir;

    private Configuration load(String state, String history) throws Exception {
        Files.writeString(dir.resolve("credentials.json"), "{\"elasticsearch\": {\"url\": \"https://es.example.com:9200\"},"
                + " \"slack\": {\"webhook_url\": \"https://hooks.slack.com/services/T0/B0/x\"}" + state
                + (history == null ? "" : ",\n \"history\": " + history) + "}");
        return new ConfigLoader(dir, Map.<String, String>of()::get).load(List.of(), List.of(new SlackProvider()));
    }

    @Test
    void onWithTheStateInTheClusterOffWithTheStateInAFileUnlessEnabled() throws Exception {
        String inCluster = ", \"state\": {\"store\": \"elasticsearch\"}";
        assertEquals(new HistorySetting(true, "alertas-history", Duration.ofDays(30)), load(inCluster, null).history());
        assertEquals(HistorySetting.OFF, load("", null).history());
        assertEquals(new HistorySetting(true, "team-a.history", Duration.ofDays(7)),
                load("", "{\"enabled\": true, \"index\": \"team-a.history\", \"retention\": \"7d\"}").history());
        assertEquals(false, load(inCluster, "{\"enabled\": false}").history().enabled());
    }

    @Test
    void theExamplesOfTheDocsLoad() throws Exception {
        Matcher example = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "docs", "history.md")));
        int examples = 0;
        while (example.find()) {
            Files.writeString(dir.resolve("credentials.json"), example.group(1));
            Configuration config = new ConfigLoader(dir, Map.of("ES_PASSWORD", "pw-of-es", "ES_API_KEY", "aWQ6a2V5")::get)
                    .load(List.of(), List.of(new SlackProvider()));
            assertEquals(true, config.history().enabled(), example.group(1));
            examples++;
        }
        assertEquals(2, examples);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"retention\": 0}|\"retention\" must be longer than 0",
        "{\"retention\": \"0d\"}|\"retention\" must be longer than 0",
        "{\"retention\": -5}|\"retention\" must be minutes (a number) or a duration like \"90s\", \"30m\", \"2h\", \"1d\"",
        "{\"retention\": \"12h\"}|\"retention\" must be at least 1d: the history is kept in daily indices",
        "{\"retention\": \"106751991167301d\"}|\"retention\" must be at most 1095d (3 years), not \"106751991167301d\"",
        "{\"index\": \"logs-*\"}|\"index\" must be an index name",
        "{\"index\": \"a,b\"}|\"index\" must be an index name",
        "{\"index\": \"Alertas\"}|\"index\" must be an index name",
        "{\"index\": \"a..b\"}|\"index\" must be an index name",
        "{\"index\": \"..\"}|\"index\" must be an index name",
        "{\"index\": \"a\\u0007b\\u202e\"}|\"index\" must be an index name",
        "{\"index\": 3}|\"index\" must be a non-empty string",
        "{\"enabled\": \"yes\"}|\"enabled\" must be true or false",
        "{\"retain\": \"30d\"}|unknown history setting \"retain\"; known: enabled, index, retention",
        "[\"on\"]|\"history\" must be an object such as {\"enabled\": true, \"retention\": \"30d\"}",
    })
    void aHostileValueIsOneLineAtItsPlace(String history, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> load("", history));
        assertEquals(1, e.problems().size(), e.problems().toString());
        Problem problem = e.problems().get(0);
        assertEquals(true, problem.toString().matches("credentials\\.json:2:\\d+: " + Pattern.quote(expected) + ".*"),
                problem.toString());
    }

    @Test
    void aMegabyteIndexNameIsOneLineThatDoesNotQuoteIt() {
        String huge = "a".repeat(1 << 20);
        ConfigException e = assertThrows(ConfigException.class, () -> load("", "{\"index\": \"" + huge + "\"}"));
        assertEquals(1, e.problems().size());
        String line = e.problems().get(0).toString();
        assertEquals(true, line.contains("\"index\" must be an index name") && line.length() < 300,
                () -> line.substring(0, Math.min(300, line.length())));
    }
}
