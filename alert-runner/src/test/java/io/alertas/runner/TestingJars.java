package io.alertas.runner;

import io.alertas.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds plugin jars in a test, the way a team would: compiled sources, resources and a services file. */
final class TestingJars {

    private TestingJars() {
    }

    /**
     * Compiles {@code sources} (class name → source) against the test class path and writes them with
     * {@code resources} (path → text) into {@code jar}.
     */
    static Path build(Path work, Path jar, Map<String, String> sources, Map<String, String> resources) throws IOException {
        return build(work, jar, sources, resources, manifest(SpiVersion.current()));
    }

    /** The manifest of a jar built for SPI {@code spiVersion}, or of one that names none (null). */
    static Manifest manifest(String spiVersion) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (spiVersion != null) {
            manifest.getMainAttributes().putValue(SpiVersion.MANIFEST_ATTRIBUTE, spiVersion);
        }
        return manifest;
    }

    /** As {@link #build(Path, Path, Map, Map)}, with {@code manifest}. */
    static Path build(Path work, Path jar, Map<String, String> sources, Map<String, String> resources, Manifest manifest)
            throws IOException {
        Path src = Files.createDirectories(work.resolve("src-" + jar.getFileName()));
        Path classes = Files.createDirectories(work.resolve("classes-" + jar.getFileName()));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "--release", "17", "-proc:none"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(new String[0])) != 0) {
            throw new IllegalStateException("test plugin sources do not compile");
        }
        for (Map.Entry<String, String> resource : resources.entrySet()) {
            Path file = classes.resolve(resource.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, resource.getValue());
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Adds every class and resource of {@code libraries} to {@code jar}, as a plugin that bundles them would. */
    static Path bundle(Path jar, List<Path> libraries) throws IOException {
        Path bundled = jar.resolveSibling(jar.getFileName() + ".bundled");
        Set<String> names = new HashSet<>();
        try (JarFile plugin = new JarFile(jar.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(bundled), plugin.getManifest())) {
            List<JarFile> sources = new ArrayList<>(List.of(plugin));
            for (Path library : libraries) {
                sources.add(new JarFile(library.toFile()));
            }
            for (JarFile source : sources) {
                for (JarEntry entry : Collections.list(source.entries())) {
                    if (!entry.isDirectory() && !entry.getName().equals(JarFile.MANIFEST_NAME) && names.add(entry.getName())) {
                        out.putNextEntry(new JarEntry(entry.getName()));
                        try (InputStream in = source.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
                if (source != plugin) {
                    source.close();
                }
            }
        }
        return Files.move(bundled, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A jar holding only a services file that names a class that is not there. */
    static Path broken(Path jar, String service, String missingClass) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest(SpiVersion.current()))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + service));
            OutputStream entry = out;
            entry.write((missingClass + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
