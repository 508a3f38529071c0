package io.alertas.runner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM the benchmark runs its Java contenders on: {@code bin/alertas} with this {@code JAVA_HOME} and a class-data
 * cache directory of its own (bin/alertas removes the archives of another JVM from its cache directory), and the
 * Java floor with a cache of this JVM's best kind: an AOT cache (JEP 483, made by JEP 514's one-step
 * {@code -XX:AOTCacheOutput}) from Java 25, else a class-data sharing archive ({@code -XX:ArchiveClassesAtExit}).
 */
record BenchJvm(Path home, int feature, String version, Path cache) {

    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)[^\"]*\"$", Pattern.MULTILINE);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    /** The JVM at {@code home}, its feature release read from its {@code release} file; empty if there is none. */
    static Optional<BenchJvm> at(Path home, Path work) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Matcher feature = JAVA_VERSION.matcher(Files.readString(release));
        if (!feature.find()) {
            return Optional.empty();
        }
        String said = Processes.version(home.resolve("bin/java").toString(), "-version");
        Matcher quoted = QUOTED.matcher(said);
        String version = quoted.find() ? quoted.group(1) : feature.group(1);
        int number = Integer.parseInt(feature.group(1));
        return Optional.of(new BenchJvm(home, number, version, work.resolve("cache-java-" + number)));
    }

    String label() {
        return "Java " + feature;
    }

    Path java() {
        return home.resolve("bin/java");
    }

    /** bin/alertas's environment: this JVM, and its own cache directory. */
    Map<String, String> alertasEnv() {
        return Map.of("JAVA_HOME", home.toString(), "ALERTAS_CACHE", cache.toString());
    }

    private boolean aot() {
        return feature >= 25;
    }

    /** The Java floor's cache file in {@code work}. */
    Path floorCache(Path work) {
        return work.resolve("java-floor-" + feature + (aot() ? ".aot" : ".jsa"));
    }

    /** The flag that makes {@code cache} at the end of a run (for an AOT cache, in a child JVM the run starts). */
    List<String> makeCache(Path cache) {
        return List.of(aot() ? "-XX:AOTCacheOutput=" + cache : "-XX:ArchiveClassesAtExit=" + cache);
    }

    /** The flags that use {@code cache}; with {@code AOTMode=on}, a cache the JVM cannot map is an error, not a slow run. */
    List<String> useCache(Path cache) {
        return aot() ? List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache) : List.of("-XX:SharedArchiveFile=" + cache);
    }
}
