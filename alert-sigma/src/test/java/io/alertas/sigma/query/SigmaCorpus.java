package io.alertas.sigma.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SigmaHQ snapshot tests read: the system property {@code alertas.sigma.dir}, else {@code ../shared/sigma}
 * beside the project's root; its rule files are the {@code *.yml} of the {@code rules*} folders.
 */
final class SigmaCorpus {

    private SigmaCorpus() {
    }

    static Path dir() {
        String configured = System.getProperty("alertas.sigma.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        String root = System.getProperty("maven.multiModuleProjectDirectory");
        Path project = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        return project.resolve("../shared/sigma").normalize();
    }

    static List<Path> ruleFiles(Path sigma) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> folders = Files.list(sigma)) {
            for (Path folder : folders.filter(p -> p.getFileName().toString().startsWith("rules")).sorted().toList()) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    walk.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }
}
