package io.alertas.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runner takes code and configuration from, and that group or others can write: the config dir,
 * credentials.json, alerts.json, alerts.d/ and queries/ with their files, and every plugin folder (the config
 * dir's plugins/ among them) with its jars. Whoever can write one of them can put a jar or a template into the
 * runner, and so run code or send text as it. A link is judged by where it leads too: a folder on the way to
 * its target that they can write (without the sticky bit) lets them replace the target by a rename. One warning
 * per path, naming it and the fix. What the runner writes itself (the state, the log) is not checked: a umask
 * gave it its mode. Nor is a path on a read-only mount, as a Kubernetes ConfigMap's world-writable folder is
 * mounted: no one writes it through that mount. A read-only bind mount of a folder that others can write is still
 * written through its source, which the mount table does not show: that is the mount's maker's to guard.
 */
final class WritableByOthers {

    private static final Logger LOG = LoggerFactory.getLogger(WritableByOthers.class);

    private WritableByOthers() {
    }

    /** A warning for each path of {@code config} and {@code pluginFolders} that group or others can write, logged too. */
    static List<String> warnings(Path config, List<Path> pluginFolders) {
        List<Path> folders = new ArrayList<>(List.of(config.resolve("alerts.d"), config.resolve("queries")));
        folders.addAll(pluginFolders);
        Set<Path> paths = new LinkedHashSet<>(List.of(config, config.resolve("credentials.json"),
                config.resolve("alerts.json")));
        for (Path folder : folders) {
            paths.add(folder);
            paths.addAll(entries(folder));
        }
        List<String> warnings = new ArrayList<>();
        for (Path path : paths) {
            if (writableByOthers(path)) {
                warn(warnings, path + " is writable by group or others, who could put code or configuration into the"
                        + " runner: chmod go-w " + path);
            }
        }
        Set<Path> judged = new LinkedHashSet<>(paths);
        for (Path path : paths) {
            for (Path folder : foldersOnTheWay(path)) {
                if (judged.add(folder) && replaceableByOthers(folder)) {
                    warn(warnings, path + " links into " + folder + ", which group or others can write, who could"
                            + " replace what the runner reads there: chmod go-w " + folder);
                }
            }
        }
        return warnings;
    }

    private static void warn(List<String> warnings, String warning) {
        LOG.warn(Logging.SAID, warning);
        warnings.add(warning);
    }

    /** The folders that hold the target of {@code path} when it is a link, from the target's own up to the root. */
    private static List<Path> foldersOnTheWay(Path path) {
        if (!Files.isSymbolicLink(path)) {
            return List.of();
        }
        List<Path> folders = new ArrayList<>();
        try {
            for (Path folder = path.toRealPath().getParent(); folder != null; folder = folder.getParent()) {
                folders.add(folder);
            }
        } catch (IOException e) {
            return List.of(); // a broken link is said where it is read
        }
        return folders;
    }

    /** Whether group or others may write {@code folder} without the sticky bit, and so rename what is in it. */
    private static boolean replaceableByOthers(Path folder) {
        try {
            if (ReadOnlyMounts.readOnly(folder)) {
                return false;
            }
            int mode = (Integer) Files.getAttribute(folder, "unix:mode");
            return (mode & 0_022) != 0 && (mode & 0_1000) == 0;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return false; // not a POSIX file system, or gone: nothing to say
        }
    }
    private static List<Path> entries(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            return List.of(); // an unreadable folder is said where it is read
        }
    }

    /**
     * Whether group or others may write {@code path}, a file or folder (what a link points to: that is what is
     * read). A device or a FIFO is refused where it is read, whatever its mode.
     */
    private static boolean writableByOthers(Path path) {
        if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
            return false;
        }
        try {
            if (ReadOnlyMounts.readOnly(path)) {
                return false;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false; // not a POSIX file system, or gone: nothing to say
        }
    }
}
