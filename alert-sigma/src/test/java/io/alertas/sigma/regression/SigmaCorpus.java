package io.alertas.sigma.regression;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.mapping.LogSourceTarget;
import io.alertas.sigma.mapping.Mappings;
import io.alertas.sigma.query.SigmaQuery;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.sigma.rule.SigmaRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The SigmaHQ snapshot beside the project: its rule files, each loaded with a mapping or skipped with why. */
final class SigmaCorpus {

    /** A rule read, its log source found and its detection converted. */
    record Loaded(Path file, SigmaRule rule, LogSourceTarget target, SigmaQuery.Conversion conversion) {
        boolean windows() {
            return "windows".equals(rule.logSource() == null ? null : rule.logSource().product());
        }
    }

    /** A rule file, or one rule of it, that does not load: the group it falls in and the message. */
    record Skipped(Path file, String rule, String product, String reason, String message) {
        boolean windows() {
            return "windows".equals(product);
        }
    }

    record Result(List<Loaded> loaded, List<Skipped> skipped) {
    }

    private SigmaCorpus() {
    }

    /**
     * The snapshot: the system property {@code alertas.sigma.dir}, else {@code ../shared/sigma} from the project's
     * root (the topmost directory above this module holding a pom.xml); empty where it does not exist.
     */
    static Optional<Path> dir() {
        String configured = System.getProperty("alertas.sigma.dir");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isDirectory);
        }
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", System.getProperty("user.dir")))
                .toAbsolutePath();
        for (Path up = root; up != null && Files.exists(up.resolve("pom.xml")); up = up.getParent()) {
            root = up;
        }
        return Optional.of(root.resolve("../shared/sigma").normalize()).filter(Files::isDirectory);
    }

    /** The rule files of every {@code rules*} folder of the snapshot, sorted. */
    static List<Path> ruleFiles(Path sigma) {
        try (Stream<Path> folders = Files.list(sigma)) {
            List<Path> files = new ArrayList<>();
            for (Path folder : folders.filter(f -> f.getFileName().toString().startsWith("rules")).sorted().toList()) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                            .sorted().forEach(files::add);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result load(Path sigma, Mappings mappings) {
        List<Loaded> loaded = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path file : ruleFiles(sigma)) {
            String origin = sigma.relativize(file).toString();
            List<SigmaRule> rules;
            try {
                rules = SigmaRules.read(origin, Files.readString(file, StandardCharsets.UTF_8));
            } catch (SigmaException e) {
                skipped.add(new Skipped(file, origin, productOf(origin), e.reason().toString(), e.getMessage()));
                continue;
            } catch (IOException | RuntimeException e) {
                skipped.add(new Skipped(file, origin, productOf(origin), "error", e.toString()));
                continue;
            }
            for (SigmaRule rule : rules) {
                String product = rule.logSource() == null ? productOf(origin) : rule.logSource().product();
                if (rule.isCorrelation()) {
                    skipped.add(new Skipped(file, rule.origin(), product, "correlation rule (a rule type, not a query)",
                            rule.title()));
                    continue;
                }
                Optional<LogSourceTarget> target = rule.logSource() == null ? Optional.empty()
                        : mappings.target(rule.logSource());
                if (target.isEmpty()) {
                    skipped.add(new Skipped(file, rule.origin(), product,
                            SigmaException.Reason.UNKNOWN_LOG_SOURCE.toString(), "no mapping for " + rule.logSource()));
                    continue;
                }
                try {
                    loaded.add(new Loaded(file, rule, target.get(),
                            SigmaQuery.convert(rule, target.get().fields(), Map.of())));
                } catch (SigmaException e) {
                    skipped.add(new Skipped(file, rule.origin(), product, e.reason().toString(), e.getMessage()));
                } catch (RuntimeException e) {
                    skipped.add(new Skipped(file, rule.origin(), product, "error", e.toString()));
                }
            }
        }
        return new Result(loaded, skipped);
    }

    /** For a file that cannot be read as a rule: SigmaHQ keeps Windows rules under a windows folder. */
    private static String productOf(String origin) {
        return origin.replace('\\', '/').contains("/windows/") ? "windows" : null;
    }
}
