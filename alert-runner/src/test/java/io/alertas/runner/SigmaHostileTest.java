package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hostile sigma.json and rule files: one clear line each; exit 2 only for sigma.json, a bad rule only skipped. */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class SigmaHostileTest {

    @RegisterExtension
    static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook").withoutDemoFixtures();

    private TestingConfig config;

    @BeforeEach
    void rules() {
        config.alerts(Map.of());
        config.write("rules/proc_creation_whoami_all.yml", SigmaRunnerTest.WHOAMI);
    }

    private TestingConfig.Result validate(String sigmaJson) {
        config.write("sigma.json", sigmaJson);
        return config.run("validate");
    }

    @Test
    void aWrongSettingOfSigmaJsonIsOneLineAtItsPlaceAndExit2() {
        TestingConfig.Result validate = validate("{\"rules\": [\"rules\"],\n \"overrides\": {\"sigma.proc_creation_whoami_all\":"
                + "\n   {\"throttle_period\": \"99999999999999999999d\"}}}");

        assertEquals(2, validate.exit(), validate.err());
        assertTrue(validate.err().lines().anyMatch(l -> l.startsWith("sigma.json:3:5: \"overrides.sigma.proc_creation"
                + "_whoami_all.throttle_period\" must be at most 1095d (3 years)")), validate.err());
        assertFalse(validate.err().contains("Exception"), validate.err());
    }

    @Test
    void aRuleFolderThatDoesNotExistAnUnknownMappingAndMalformedJsonAreEachNamed() {
        TestingConfig.Result missing = validate("{\"rules\": [\"rules\", \"gone\"]}");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("sigma.json:1:21: \"rules.1\" does not exist: "), missing.err());
        TestingConfig.Result mapping = validate("{\"rules\": \"rules\", \"mapping\": \"splunk_windows\"}");
        assertEquals(2, mapping.exit());
        assertTrue(mapping.err().contains("sigma.json:1:20: \"mapping\" must be one of the built-in mappings: ecs_windows,"
                + " ecs_windows_old (an installation's own goes in mapping_file)"), mapping.err());
        TestingConfig.Result malformed = validate("{\"rules\": [\"rules\",,]}");
        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains("sigma.json:1:20: malformed JSON"), malformed.err());
    }

    @Test
    void badRuleFilesAreSkippedEachWithItsFileAndTheGoodRulesStillLoadALongConditionAmongThem() throws IOException {
        config.write("rules/deep.yml", "title: Deep\ndetection:\n  a: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        config.write("rules/not_yaml.yml", "title: [unclosed\n  : : :\n");
        config.write("rules/condition.yml", SigmaRunnerTest.WHOAMI.replace("condition: selection",
                "condition: " + "selection and ".repeat(10_000) + "selection"));
        config.write("rules/bidi.yml", SigmaRunnerTest.WHOAMI.replace("Whoami All Enumeration", "Evil\u202Egpj.exe")
                .replace("7b1e8a3c", "00000000").replace("Image|endswith", "Image|nope"));
        Path large = config.dir.resolve("rules/large.yml");
        Files.writeString(large, "title: Large\n# " + "x".repeat(2 << 20) + "\n");
        Files.createSymbolicLink(config.dir.resolve("rules/loop"), config.dir.resolve("rules"));

        TestingConfig.Result validate = validate("{\"rules\": [\"rules\"]}");

        assertEquals(0, validate.exit(), validate.err());
        assertTrue(validate.err().contains("warning: sigma: 2 rules loaded, 4 skipped (3 invalid rule, 1 too large)"),
                validate.err());
        assertTrue(validate.err().contains("warning: sigma: rules/large.yml: skipped: too large: larger than 1 MB"),
                validate.err());
        assertTrue(validate.err().contains("sigma: rules/deep.yml: skipped: "), validate.err());
        assertTrue(validate.err().contains("sigma: rules/not_yaml.yml:1:17: skipped: invalid rule: "), validate.err());
        assertTrue(validate.err().contains("sigma: rules/bidi.yml: skipped: invalid rule: \"title\" holds the control"
                + " character U+202E"), validate.err());
        assertFalse(validate.err().contains("\u202E"), validate.err());
        assertFalse(validate.err().contains("\tat "), "no stack trace: " + validate.err());
        assertTrue(validate.out().contains("OK: "), validate.out());
    }

    @Test
    void aSkippedRuleThatAnOverrideSwitchesOffIsNotToldOfAndALoadWithNoSkipPrintsNothing() {
        config.write("rules/proc_creation_unsupported.yml", SigmaRunnerTest.UNSUPPORTED);

        TestingConfig.Result told = validate("{\"rules\": [\"rules\"]}");
        TestingConfig.Result silenced = validate("{\"rules\": [\"rules\"], \"overrides\": {"
                + "\"sigma.proc_creation_unsupported\": {\"active\": false}}}");

        assertTrue(told.err().contains("warning: sigma: 1 rule loaded, 1 skipped (1 unsupported modifier)"), told.err());
        assertEquals(0, silenced.exit(), silenced.err());
        assertFalse(silenced.err().contains("sigma"), "nothing to tell: " + silenced.err());
    }
}
