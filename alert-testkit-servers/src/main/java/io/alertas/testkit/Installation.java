package io.alertas.testkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The unpacked distribution of a cluster, with the CA, node certificate and test user of a secured one
 * ({@link TestCertificates}; OpenSearch's security plugin and user, {@link OpenSearchSecurity}): unpacked once per
 * machine under {@code java.io.tmpdir}, guarded by a file lock, and shared by every node started from it.
 */
record Installation(Cluster cluster, Path home, Path security, Path java) {

    static Installation prepare(Cluster cluster) throws IOException, InterruptedException {
        Path zip = cluster.zip();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(cluster.displayName() + " distribution not found at " + zip + "; depend on "
                    + cluster.coordinates() + " (alert-testkit does for " + Cluster.DEFAULT + ")");
        }
        if (cluster.hasSecurityPlugin()) {
            OpenSearchSecurity.requirePlugin(cluster);
        }
        Path base = Path.of(System.getProperty("java.io.tmpdir")).resolve("alertas-" + cluster);
        Files.createDirectories(base.getParent());
        try (FileChannel channel = FileChannel.open(base.resolveSibling(base.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Installation installation = new Installation(cluster,
                    base.resolve(cluster.flavour().name + "-" + cluster.version()),
                    base.resolve("security"), cluster.javaHome());
            if (!Files.exists(base.resolve("ready"))) {
                Trees.delete(base);
                Files.createDirectories(base);
                unzip(zip, base);
                if (cluster.hasSecurityPlugin()) {
                    OpenSearchSecurity.install(installation);
                }
                Path config = installation.security.resolve("config");
                Files.createDirectories(config);
                copyTree(installation.home.resolve("config"), config);
                if (cluster.secured()) {
                    TestCertificates.make(installation, config);
                }
                openForOthers(base);
                Files.createFile(base.resolve("ready"));
            }
            return installation;
        }
    }

    /** Copies the distribution's configuration, with the CA and node certificate of a secured one, into {@code config}. */
    void configure(Path config) throws IOException {
        copyTree(security.resolve("config"), config);
        if (cluster.secured()) {
            copyTree(security.resolve("ca"), config.resolve("ca"));
            copyTree(security.resolve("node"), config.resolve("node"));
        }
    }

    /** The launcher script, {@code bin/elasticsearch} or {@code bin/opensearch}. */
    Path launcher() {
        return home.resolve("bin").resolve(cluster.flavour().name);
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    if (file.getParent().getFileName().toString().equals("bin")) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
    }

    /** Lets an unprivileged user read the distribution and run its scripts. */
    private static void openForOthers(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                boolean executable = Files.isDirectory(file) || Files.isExecutable(file);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
