package io.alertas.sigma.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

    @TempDir
    Path config;

    @Test
    void aFileReachedByOverlappingRootsOrALinkIsOneRuleFile() throws Exception {
        Path rules = Files.createDirectories(config.resolve("rules/windows"));
        Path rule = Files.writeString(rules.resolve("whoami.yml"), "title: W\n");
        Files.createSymbolicLink(config.resolve("rules/again.yml"), rule);
        Skips skips = new Skips();

        List<RuleFiles.RuleFile> found = RuleFiles.find(List.of(config.resolve("rules"), rules, rule), config, skips);

        assertEquals(1, found.size(), found.toString());
        assertEquals(0, skips.all().size());
    }
}
