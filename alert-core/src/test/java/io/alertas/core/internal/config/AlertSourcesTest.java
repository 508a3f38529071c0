package io.alertas.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.Alert;
import io.alertas.core.internal.media.SlackProvider;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.AlertSource;
import io.alertas.spi.Evaluation;
import io.alertas.spi.SettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSourcesTest {

    @TempDir
    Path dir;

    /** Makes one alert per name in the file's "names"; refuses a "bad" field; throws when "crash" is set. */
    private static final AlertSource NAMES = new AlertSource() {
        @Override
        public String name() {
            return "names";
        }

        @Override
        public Alerts alerts(JsonNode settings, Path configDir) throws SettingException {
            if (settings.has("crash")) {
                throw new IllegalStateException("a bug");
            }
            if (settings.has("overrides")) {
                throw new SettingException("overrides.names.a.throttle_period", "must be a duration like \"2h\"");
            }
            List<AlertDefinition> alerts = new ArrayList<>();
            settings.path("names").forEach(n -> alerts.add(AlertDefinition.builder(n.asText()).index("logs-*")
                    .evaluator((response, context) -> Evaluation.quiet()).build()));
            return Alerts.of(alerts, List.of("names: 1 name skipped"));
        }
    };

    @BeforeEach
    void credentials() throws Exception {
        Files.writeString(dir.resolve("credentials.json"), """
                {"elasticsearch": {"url": "https://es.example.com:9200"},
                 "slack": {"webhook_url": "https://hooks.slack.com/services/T0/B0/x"}}
                """);
        Files.setPosixFilePermissions(dir.resolve("credentials.json"), PosixFilePermissions.fromString("rw-------"));
    }

    private Configuration load() throws ConfigException {
        return new ConfigLoader(dir, Map.<String, String>of()::get).sources(List.of(NAMES))
                .load(List.of(), List.of(new SlackProvider()));
    }

    private String problems() {
        ConfigException e = assertThrows(ConfigException.class, this::load);
        return e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void aSourcesAlertsAreAPluginOfItsFileWhoseSettingsAlertsJsonSetsByName() throws Exception {
        Files.writeString(dir.resolve("names.json"), "{\"names\": [\"names.a\", \"names.b\"]}");
        Files.writeString(dir.resolve("alerts.json"), "{\"names.b\": {\"active\": false, \"throttle_period\": \"2h\"}}");

        Configuration config = load();

        Alert b = config.alerts().get(1);
        assertEquals(List.of("names.a", "names.b"), config.alerts().stream().map(Alert::name).toList());
        assertEquals(List.of("names", "names.json"), List.of(b.plugin(), b.jar()));
        assertEquals(List.of(false, Duration.ofHours(2)), List.of(b.active(), b.throttlePeriod()));
        assertEquals(List.of("names: 1 name skipped"), config.warnings());
    }

    @Test
    void withoutItsFileASourceGivesNoAlert() throws Exception {
        assertEquals(List.of(), load().alerts());
    }

    @Test
    void aBadSettingIsAProblemAtItsLineAndColumnEvenUnderAKeyHoldingDots() throws Exception {
        Files.writeString(dir.resolve("names.json"), """
                {"names": [],
                 "overrides": {"names.a": {
                     "throttle_period": "soon"}}}
                """);

        assertEquals("names.json:3:6: \"overrides.names.a.throttle_period\" must be a duration like \"2h\"", problems());
    }

    @Test
    void aSourceThatThrowsFailsAloneWithAWarningNamingItsFile() throws Exception {
        Files.writeString(dir.resolve("names.json"), "{\"crash\": true}");

        Configuration config = load();

        assertEquals(List.of(), config.alerts());
        assertEquals(List.of("names.json: the alert source \"names\" failed (java.lang.IllegalStateException);"
                + " its alerts are left out"), config.warnings());
    }

    @Test
    void aMalformedSourceFileIsAProblemAtItsPlace() {
        assertFalse(problems("{\"names\": [\n  \"a\",,]}").isEmpty());
    }

    private String problems(String text) {
        try {
            Files.writeString(dir.resolve("names.json"), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return problems();
    }

    @Test
    void aDuplicateNameNamesTheSourcesFileAsItsJar() throws Exception {
        Files.createDirectories(dir.resolve("alerts.d"));
        Files.writeString(dir.resolve("names.json"), "{\"names\": [\"dup\"]}");

        String problems = assertThrows(ConfigException.class, () -> new ConfigLoader(dir, Map.<String, String>of()::get)
                .sources(List.of(NAMES)).load(List.of(new Plugin("test", "test.jar", List.of(AlertDefinition
                        .builder("dup").index("x").evaluator((r, c) -> Evaluation.quiet()).build()))),
                        List.of(new SlackProvider()))).problems().get(0).toString();

        assertEquals("names.json: alert \"dup\": is defined twice: by module \"test\" in test.jar and by module"
                + " \"names\" in names.json; remove one of the jars or rename the alert", problems);
    }
}
