package io.alertas.sigma.query;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.correlation.Correlation;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.sigma.rule.SigmaRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every rule file of the SigmaHQ snapshot (../shared/sigma, or the system property {@code alertas.sigma.dir}) read
 * and converted with fields mapped to themselves: each converts or fails with a SigmaException, none with another
 * exception or a hang, and at least 95% of all rules, and of the Windows rules, convert.
 */
class SigmaCorpusTest {

    @Test
    void everyRuleConvertsOrSaysWhyNot() throws IOException {
        Path sigma = SigmaCorpus.dir();
        assumeTrue(Files.isDirectory(sigma), () -> "no SigmaHQ snapshot at " + sigma + " (set alertas.sigma.dir)");
        List<Path> files = SigmaCorpus.ruleFiles(sigma);
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, List<String>> examples = new TreeMap<>();
        int[] windows = new int[2];
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (Path file : files) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String outcome;
                boolean isWindows = text.contains("product: windows");
                try {
                    for (SigmaRule rule : SigmaRules.read(sigma.relativize(file).toString(), text)) {
                        if (rule.isCorrelation()) {
                            Correlation.of(rule);
                        } else {
                            SigmaQuery.convert(rule, List::of, Map.of());
                        }
                    }
                    outcome = "converts";
                } catch (SigmaException e) {
                    outcome = e.reason().name();
                    examples.computeIfAbsent(outcome, k -> new ArrayList<>()).add(e.getMessage());
                }
                counts.merge(outcome, 1, Integer::sum);
                if (isWindows) {
                    windows[0]++;
                    windows[1] += outcome.equals("converts") ? 1 : 0;
                }
            }
        });
        System.out.println("SigmaHQ files: " + files.size() + ", outcomes: " + counts);
        System.out.println("Windows files: " + windows[0] + ", converting: " + windows[1]);
        examples.forEach((reason, messages) -> messages.forEach(m -> System.out.println(reason + ": " + m)));
        int converts = counts.getOrDefault("converts", 0);
        assertTrue(files.size() > 1000, "the snapshot holds thousands of rules: " + files.size());
        assertTrue(converts >= files.size() * 0.95, converts + " of " + files.size() + " convert: " + counts);
        assertTrue(windows[1] >= windows[0] * 0.95, windows[1] + " of " + windows[0] + " Windows rules convert");
    }
}
