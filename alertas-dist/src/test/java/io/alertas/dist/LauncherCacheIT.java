package io.alertas.dist;

import static io.alertas.dist.Installs.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.dist.Installs.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball's bin/alertas choosing between the class-data archive and the AOT cache by the JVM's release file,
 * on any build JDK: a stand-in JAVA_HOME whose bin/java is a script that records its arguments, writes the file a
 * flag names (the recorded AOT configuration, the cache, the archive) and ends the "pass" with the status asked for.
 * TarballIT runs a real pass on a real Java 25 where one is installed.
 */
class LauncherCacheIT {

    /** What a JVM writes for the flags bin/alertas passes, and its stdout: the pass's line and, recording, the JVM's own. */
    private static final String JAVA = """
            #!/bin/sh
            printf '%s\\n' "$*" >> "$FAKE_JAVA_LOG"
            for arg; do
              case "$arg" in
                -XX:AOTMode=*) mode=${arg#*=} ;;
                -XX:AOTConfiguration=*) configuration=${arg#*=} ;;
                -XX:AOTCache=*) cache=${arg#*=} ;;
                -XX:ArchiveClassesAtExit=*) archive=${arg#*=} ;;
              esac
            done
            case "${mode:-}" in
              create) echo cache > "$cache"; echo "AOTCache creation is complete: $cache"; exit 0 ;;
              record) echo configuration > "$configuration" ;;
            esac
            if [ -n "${archive:-}" ]; then echo archive > "$archive"; fi
            printf 'finding: \\000\\303\\251\\n'
            echo "pass: 1 alert run"
            if [ "${mode:-}" = record ]; then echo " AOTConfiguration recorded: $configuration"; fi
            exit "$FAKE_JAVA_EXIT"
            """;

    /** What the stand-in pass prints: a finding with a NUL and a non-ASCII character in it, and the summary. */
    private static final String PASS_OUTPUT = "finding: \u0000\u00e9\npass: 1 alert run\n";

    @TempDir
    Path root;
    private Path alertas;
    private Path jar;
    private Path cache;
    private Path log;

    @BeforeEach
    void install() throws Exception {
        Result untar = exec(Map.of(), root, "tar", "-xzf", System.getProperty("alertas.tarball"), "-C", root.toString(),
                "--wildcards", "*/bin/alertas", "*/lib/alert-runner.jar");
        assertEquals(0, untar.exit(), untar.err());
        try (Stream<Path> homes = Files.list(root)) {
            Path home = homes.filter(p -> p.getFileName().toString().startsWith("alertas-")).findFirst().orElseThrow();
            alertas = home.resolve("bin/alertas");
            jar = home.resolve("lib/alert-runner.jar");
        }
        cache = root.resolve("cache");
        log = root.resolve("java.log");
    }

    @Test
    void onJava25TheFirstPassThatSucceedsMakesTheCacheAndTheNextUsesIt() throws Exception {
        Path java25 = javaHome("25.0.1");

        Result failed = alertas(java25, 1);
        assertEquals(1, failed.exit(), "the pass's own status: " + failed.err());
        assertEquals(List.of(), files(cache), "a failed pass makes no AOT cache and leaves no recording behind");
        List<String> runs = Files.readAllLines(log);
        assertEquals(1, runs.size(), "no cache is made from a failed pass: " + runs);
        String key = "alert-runner-" + runs.get(0).replaceAll(".*-XX:AOTConfiguration=\\S*/alert-runner-(\\d+)\\.aot\\.\\d+\\.partial\\.conf .*", "$1");
        assertTrue(runs.get(0).contains("-XX:AOTMode=record -XX:AOTConfiguration=" + cache.resolve(key) + ".aot."), runs.get(0));
        assertEquals(PASS_OUTPUT, failed.out(), "the JVM's \"AOTConfiguration recorded\" line is dropped, the pass's kept byte for byte");

        Files.delete(log);
        Result made = alertas(java25, 0);
        assertEquals(0, made.exit(), made.err());
        assertEquals(PASS_OUTPUT, made.out());
        assertEquals(List.of(cache.resolve(key + ".aot")), files(cache), "the cache, renamed from its partial name, and nothing else");
        runs = Files.readAllLines(log);
        assertEquals(2, runs.size(), "the pass, then the cache made from what it recorded: " + runs);
        String flags = runs.get(0).substring(0, runs.get(0).indexOf(" -XX:AOTMode"));
        assertTrue(flags.contains("-XX:+UseSerialGC") && flags.contains("-Xlog:aot*=off"), flags);
        assertTrue(runs.get(1).startsWith(flags + " -XX:AOTMode=create -XX:AOTConfiguration="), "the cache is made with the pass's flags: " + runs);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));

        Files.delete(log);
        Result used = alertas(java25, 0);
        assertEquals(0, used.exit(), used.err());
        String run = Files.readString(log);
        assertTrue(run.startsWith(flags + " -XX:AOTCache=" + cache.resolve(key + ".aot") + " "), run);
        assertFalse(run.contains("AOTMode"), run);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        Files.delete(log);
        assertEquals(0, alertas(java25, 0).exit());
        List<Path> upgraded = files(cache);
        assertEquals(1, upgraded.size(), "a new jar makes a new cache and removes the old one: " + upgraded);
        assertFalse(upgraded.contains(cache.resolve(key + ".aot")), upgraded.toString());
        assertTrue(Files.readString(log).contains("-XX:AOTMode=create"));

        Path moved = Files.move(alertas.getParent().getParent(), root.resolve("moved"));
        alertas = moved.resolve("bin/alertas");
        Files.delete(log);
        assertEquals(0, alertas(java25, 0).exit());
        assertTrue(Files.readString(log).contains("-XX:AOTMode=create"), "an install moved elsewhere makes its own cache");
        List<Path> afterMove = files(cache);
        assertEquals(1, afterMove.size(), afterMove.toString());
        assertFalse(afterMove.equals(upgraded), afterMove.toString());
    }

    @Test
    void onJava17TheClassDataArchiveIsMadeAsBefore() throws Exception {
        Path java17 = javaHome("17.0.2");

        assertEquals(0, alertas(java17, 0).exit());
        String run = Files.readString(log);
        assertTrue(run.contains("-XX:ArchiveClassesAtExit=" + cache.resolve("alert-runner-")), run);
        assertFalse(run.contains("AOT") || run.contains("-Xlog:aot"), "Java 17 knows no AOT flags: " + run);
        List<Path> archives = files(cache);
        assertEquals(1, archives.size());
        assertTrue(archives.get(0).toString().endsWith(".jsa"), archives.toString());

        Files.delete(log);
        assertEquals(0, alertas(java17, 0).exit());
        assertTrue(Files.readString(log).contains("-XX:SharedArchiveFile=" + archives.get(0) + " "));
    }

    @Test
    void aCacheDirOthersCanWriteIsNotUsed() throws Exception {
        Path java25 = javaHome("25");
        Files.createDirectories(cache);
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

        Result skipped = alertas(java25, 0);

        assertEquals(0, skipped.exit());
        assertEquals("alertas: not using the AOT cache in " + cache + ": the directory is another user's or writable by others"
                + " (chown it to this user, chmod go-w, or set ALERTAS_CACHE)\n", skipped.err());
        assertEquals(List.of(), files(cache));
        assertFalse(Files.readString(log).contains("AOT"), "the pass runs without a cache");
    }

    /** A JAVA_HOME whose release file says {@code version} and whose bin/java is {@link #JAVA}. */
    private Path javaHome(String version) throws IOException {
        Path home = Files.createDirectories(root.resolve("jdk-" + version + "/bin"));
        Files.writeString(home.resolveSibling("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.writeString(home.resolve("java"), JAVA);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home.getParent();
    }

    private Result alertas(Path javaHome, int exit) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", javaHome.toString(),
                "ALERTAS_CACHE", cache.toString(), "FAKE_JAVA_LOG", log.toString(), "FAKE_JAVA_EXIT", String.valueOf(exit)));
        return exec(env, root, alertas.toString(), "run", "--config", root.resolve("etc").toString());
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
