package io.alertas.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes temporary directory trees, such as a test's config directory. */
public final class Trees {

    private Trees() {
    }

    /** Deletes {@code dir} and everything under it, if it exists; a leftover temp file is harmless. */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // leave it: the temp directory is cleaned by the OS in time
        }
    }
}
