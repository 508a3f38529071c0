package io.alertas.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a path lies on a mount that is read-only, as the kubelet mounts a ConfigMap: read from the kernel's
 * mount table of this process ({@code /proc/self/mountinfo}), the mount whose point is the longest prefix of the
 * path's real path. Java's FileStore cannot tell: it finds the mount by device, which a bind mount shares with
 * the file system it comes from. Read-only is this mount's view alone: the files of a read-only bind mount can
 * still be written through its source, elsewhere, which this cannot see.
 */
final class ReadOnlyMounts {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private ReadOnlyMounts() {
    }

    /** Whether {@code path} is on a read-only mount; false when it is gone or the mount table cannot be read. */
    static boolean readOnly(Path path) {
        try {
            return readOnly(path.toRealPath(), Files.readAllLines(MOUNTINFO));
        } catch (IOException e) {
            return false;
        }
    }

    /** Fields 5 and 6 of a mountinfo line are the mount point (with octal escapes) and the mount's options. */
    static boolean readOnly(Path path, List<String> mountinfo) {
        String longest = "";
        boolean readOnly = false;
        for (String line : mountinfo) {
            String[] fields = line.split(" ");
            if (fields.length < 6) {
                continue;
            }
            String point = unescape(fields[4]);
            boolean under = path.toString().equals(point) || path.toString().startsWith(point.endsWith("/") ? point : point + "/");
            if (under && point.length() >= longest.length()) {
                longest = point;
                readOnly = List.of(fields[5].split(",")).contains("ro");
            }
        }
        return readOnly;
    }

    /** A mount point as the kernel writes it: a space, a tab, a line break or a backslash as \ and three octal digits. */
    private static String unescape(String point) {
        StringBuilder out = new StringBuilder(point.length());
        for (int i = 0; i < point.length(); i++) {
            char c = point.charAt(i);
            if (c == '\\' && i + 3 < point.length() && point.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(point.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
