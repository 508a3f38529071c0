package io.alertas.sigma.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alertas.sigma.mapping.Mappings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SigmaHQ snapshot: every rule file loads with ecs_windows or is skipped with its reason. */
class EcsWindowsCorpusTest {

    @Test
    void everyRuleFileLoadsOrIsSkippedWithItsReasonAndNineteenOfTwentyWindowsRulesLoad() throws IOException {
        Path sigma = SigmaCorpus.dir().orElse(null);
        assumeTrue(sigma != null, "no SigmaHQ snapshot at ../shared/sigma (or -Dalertas.sigma.dir)");
        SigmaCorpus.Result result = SigmaCorpus.load(sigma, Mappings.named("ecs_windows"));

        Set<Path> accounted = Stream.concat(result.loaded().stream().map(SigmaCorpus.Loaded::file),
                result.skipped().stream().map(SigmaCorpus.Skipped::file)).collect(Collectors.toSet());
        assertEquals(Set.copyOf(SigmaCorpus.ruleFiles(sigma)), accounted, "every rule file loads or is skipped");
        assertTrue(result.skipped().stream().allMatch(s -> !s.reason().isBlank() && !s.message().isBlank()));

        long windowsLoaded = result.loaded().stream().filter(SigmaCorpus.Loaded::windows).count();
        long windowsSkipped = result.skipped().stream().filter(SigmaCorpus.Skipped::windows).count();
        String report = report(result, windowsLoaded, windowsSkipped);
        Path out = Path.of("target", "sigma-coverage", "corpus.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        double share = windowsLoaded / (double) (windowsLoaded + windowsSkipped);
        assertTrue(share >= 0.95, String.format("%.1f %% of the Windows rules load; see %s%n%s", share * 100,
                out.toAbsolutePath(), report));
    }

    private static String report(SigmaCorpus.Result result, long windowsLoaded, long windowsSkipped) {
        StringBuilder text = new StringBuilder("# SigmaHQ corpus with ecs_windows\n\n");
        text.append(String.format("- rules (documents) loaded: %d; skipped: %d%n", result.loaded().size(),
                result.skipped().size()));
        text.append(String.format("- Windows rules loaded: %d of %d (%.1f %%)%n%n", windowsLoaded,
                windowsLoaded + windowsSkipped, 100.0 * windowsLoaded / Math.max(1, windowsLoaded + windowsSkipped)));
        section(text, "Skipped Windows rules by reason", result.skipped(), SigmaCorpus.Skipped::windows);
        section(text, "Skipped other rules by reason", result.skipped(), s -> !s.windows());
        return text.toString();
    }

    private static void section(StringBuilder text, String title, List<SigmaCorpus.Skipped> skipped,
            Predicate<SigmaCorpus.Skipped> which) {
        Map<String, List<SigmaCorpus.Skipped>> byReason = new TreeMap<>(skipped.stream().filter(which)
                .collect(Collectors.groupingBy(SigmaCorpus.Skipped::reason)));
        text.append("## ").append(title).append("\n\n| reason | rules | examples |\n|---|---|---|\n");
        byReason.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size()).forEach(entry ->
                text.append("| ").append(entry.getKey()).append(" | ").append(entry.getValue().size()).append(" | ")
                        .append(examples(entry.getValue())).append(" |\n"));
        text.append('\n');
        if (title.startsWith("Skipped other")) {
            Map<String, Long> products = new TreeMap<>(skipped.stream().filter(which)
                    .collect(Collectors.groupingBy(s -> String.valueOf(s.product()), Collectors.counting())));
            text.append("By product: ").append(products).append("\n\n");
        }
    }

    private static String examples(Collection<SigmaCorpus.Skipped> skipped) {
        return skipped.stream().limit(3).map(s -> "`" + s.rule() + "`: " + s.message().replace('|', '/')
                .replace('\n', ' ')).map(e -> e.length() > 220 ? e.substring(0, 220) + "..." : e)
                .collect(Collectors.joining("<br>"));
    }
}
