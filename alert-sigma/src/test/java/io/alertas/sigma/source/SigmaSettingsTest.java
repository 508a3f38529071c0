package io.alertas.sigma.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.spi.SettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigmaSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String refused(String json) throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        SettingException e = assertThrows(SettingException.class,
                () -> SigmaSettings.read(JSON.readTree(json.replace('\'', '"')), dir));
        return e.field() + ": " + e.getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'rulez': []}|rulez: is not a setting here; known: mapping, mapping_file, overrides, placeholders, rules, select",
        "{}|rules: is missing: give the rule files or folders, such as [\"/opt/sigma/rules/windows\"]",
        "{'rules': []}|rules: must name at least one rule file or folder",
        "{'rules': 7}|rules: must be a string or a list of strings",
        "{'rules': ['rules', 3]}|rules.1: must be a string",
        "{'rules': ['rules', 'nowhere']}|rules.1: does not exist: DIR/nowhere",
        "{'rules': 'rules', 'select': {'levels': ['high']}}|select.levels: is not a setting here; known: category, ids, level, paths, product, service, status, tags",
        "{'rules': 'rules', 'select': {'paths': ['**/[a-']}}|select.paths.0: is not a glob like \"**/process_creation/**\": check its brackets and braces near character 6",
        "{'rules': 'rules', 'select': []}|select: must be an object",
        "{'rules': 'rules', 'select': {'level': ['high', 'hgh']}}|select.level.1: must be one of informational, low, medium, high, critical",
        "{'rules': 'rules', 'select': {'status': 'bogus'}}|select.status: must be one of stable, test, experimental, deprecated, unsupported",
        "{'rules': 'rules', 'mapping': 'splunk'}|mapping: must be one of the built-in mappings: ecs_windows, ecs_windows_old (an installation's own goes in mapping_file)",
        "{'rules': 'rules', 'mapping_file': 'nowhere.yml'}|mapping_file: does not exist: DIR/nowhere.yml",
        "{'rules': 'rules', 'mapping_file': 'rules'}|mapping_file: must be a file: DIR/rules",
        "{'rules': 'rules', 'placeholders': {'Admins': [1]}}|placeholders.Admins.0: must be a string",
        "{'rules': 'rules', 'overrides': {'sigma.x': {'throttle': '2h'}}}|overrides.sigma.x.throttle: is not a setting here; known: active, group_by, media, severity, throttle_period",
        "{'rules': 'rules', 'overrides': {'sigma.x': {'throttle_period': '5000d'}}}|overrides.sigma.x.throttle_period: must be at most 1095d (3 years), not \"5000d\"",
        "{'rules': 'rules', 'overrides': {'sigma.x': {'throttle_period': -5}}}|overrides.sigma.x.throttle_period: NEGATIVE",
        "{'rules': 'rules', 'overrides': {'sigma.x': {'throttle_period': 1e300}}}|overrides.sigma.x.throttle_period: HUGE",
        "{'rules': 'rules', 'overrides': {'sigma.x': {'active': 'no'}}}|overrides.sigma.x.active: must be true or false",
        "{'rules': 'rules', 'overrides': {'sigma.x': {'severity': 'high'}}}|overrides.sigma.x.severity: must be one of \"info\", \"warning\", \"critical\"",
        "{'rules': 'rules', 'overrides': {'sigma.x': {'group_by': []}}}|overrides.sigma.x.group_by: takes 1 to 4 fields",
        "{'rules': 'rules', 'overrides': {'sigma.x': {'group_by': ['a', 'b', 'c', 'd', 'e']}}}|overrides.sigma.x.group_by: takes 1 to 4 fields",
    })
    void eachWrongSettingIsNamedWithWhatIsExpected(String json, String expected) throws Exception {
        String refused = refused(json);
        if (expected.endsWith("NEGATIVE") || expected.endsWith("HUGE")) {
            assertEquals(true, refused.startsWith("overrides.sigma.x.throttle_period: must"), refused);
        } else {
            assertEquals(expected.replace("DIR", dir.toString()), refused);
        }
    }

    @Test
    void aWholeFileReadsIntoItsParts() throws Exception {
        Files.createDirectories(dir.resolve("team-rules"));
        SigmaSettings settings = SigmaSettings.read(JSON.readTree("""
                {"rules": ["team-rules"], "select": {"level": ["high", "critical"]},
                 "placeholders": {"Admins_Workstations": ["WS01", "WS02"]},
                 "overrides": {"sigma.x": {"active": false, "throttle_period": "2h", "media": ["slack"],
                               "severity": "critical", "group_by": ["user.name"]}}}
                """), dir);

        assertEquals(List.of(dir.resolve("team-rules")), settings.rules());
        assertEquals(List.of("high", "critical"), settings.selection().level());
        assertEquals(List.of("WS01", "WS02"), settings.placeholders().get("Admins_Workstations"));
        RuleOverride override = settings.overrides().get("sigma.x");
        assertEquals(List.of(false, Duration.ofHours(2), List.of("slack"), "critical", List.of("user.name")),
                List.of(override.active(), override.throttlePeriod(), override.media(), override.severity().label(),
                        override.groupBy()));
    }
}
