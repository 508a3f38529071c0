package io.alertas.sigma.source;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rule files under the paths given: a file as it is, a folder walked (links followed, a loop walked once),
 * keeping {@code *.yml} and {@code *.yaml}. A file over 1 MB, or one that cannot be read, is skipped.
 */
final class RuleFiles {

    static final long MAX_BYTES = 1 << 20;
    private static final int MAX_DEPTH = 64;

    /** A rule file, {@code relative} to the folder it was found in, and as shown to users. */
    record RuleFile(Path file, Path relative, String shown) {
    }

    private RuleFiles() {
    }

    static List<RuleFile> find(List<Path> roots, Path configDir, Skips skips) {
        List<RuleFile> files = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                files.add(new RuleFile(root, root.getFileName(), shown(root, configDir)));
                continue;
            }
            try {
                Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                        if (attributes.isRegularFile() && (name.endsWith(".yml") || name.endsWith(".yaml"))) {
                            files.add(new RuleFile(file, root.relativize(file), shown(file, configDir)));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        if (!(e instanceof FileSystemLoopException)) {
                            skips.add(shown(file, configDir), "unreadable", "cannot be read: " + e.getMessage());
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                skips.add(shown(root, configDir), "unreadable", "cannot be read: " + e.getMessage());
            }
        }
        files.sort((a, b) -> a.file().compareTo(b.file()));
        Set<Path> seen = new HashSet<>();
        files.removeIf(file -> !seen.add(real(file.file())));   // one file reached twice (overlapping roots, links) is one rule
        return files;
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    /** The text of {@code file}, or null with the reason in {@code skips}. */
    static String text(RuleFile file, Skips skips) {
        try {
            if (Files.size(file.file()) > MAX_BYTES) {
                skips.add(file.shown(), "too large", "larger than " + (MAX_BYTES >> 20) + " MB; a rule file is a few KB");
                return null;
            }
            byte[] bytes = Files.readAllBytes(file.file());
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            skips.add(file.shown(), "invalid rule", "is not UTF-8 text");
            return null;
        } catch (IOException e) {
            skips.add(file.shown(), "unreadable", "cannot be read: " + e.getMessage());
            return null;
        }
    }

    private static String shown(Path file, Path configDir) {
        return file.startsWith(configDir) ? configDir.relativize(file).toString() : file.toString();
    }
}
