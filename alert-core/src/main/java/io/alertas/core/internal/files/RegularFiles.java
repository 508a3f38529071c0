package io.alertas.core.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the files a pass depends on only when they are regular files, and never more than a limit: a FIFO
 * would block the runner before it takes its lock, a device such as {@code /dev/zero} or a huge file would
 * fill the heap. A symbolic link to a regular file is read as that file.
 */
public final class RegularFiles {

    private RegularFiles() {
    }

    /** A file that is not fit to be read: not a regular file, or too large. */
    public static final class UnfitFileException extends IOException {

        private final String reason;

        UnfitFileException(Path file, String reason) {
            super(file + " " + reason);
            this.reason = reason;
        }

        /** What is wrong with the file, without its path, such as "is a directory, not a regular file". */
        public String reason() {
            return reason;
        }
    }

    /**
     * The file's bytes.
     *
     * @throws NoSuchFileException when it does not exist
     * @throws UnfitFileException saying in words what it is instead of a regular file, or that it is larger
     *     than {@code maxBytes}
     * @throws IOException when it cannot be read
     */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        requireRegular(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new UnfitFileException(file, "is larger than " + size(maxBytes) + ", more than a file of this"
                        + " kind ever holds; check that it is the right file");
            }
            return bytes;
        }
    }

    /**
     * Checks that {@code file} is a regular file (or a link to one).
     *
     * @throws NoSuchFileException when it does not exist
     * @throws UnfitFileException naming the path and what it is instead
     * @throws IOException when its attributes cannot be read
     */
    public static void requireRegular(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            String kind = attributes.isDirectory() ? "a directory" : "a FIFO, socket or device";
            throw new UnfitFileException(file, "is " + kind + ", not a regular file");
        }
    }

    /** {@code bytes} as a limit is said: "256 MB", "64 KB". */
    public static String size(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : (bytes >> 10) + " KB";
    }
}
