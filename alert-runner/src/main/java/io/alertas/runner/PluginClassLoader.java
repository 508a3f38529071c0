package io.alertas.runner;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads one plugin jar. The jar sees the JDK, and from the runner only what plugins share: the SPI, Jackson
 * and the SLF4J API, always the runner's copies (so a value crosses between plugin and engine as the same
 * class, whatever Jackson the jar bundles). Everything else it needs, it brings; the runner's Logback, mail
 * libraries and engine stay out of its sight, so they can neither clash with nor be reached by a plugin.
 */
final class PluginClassLoader extends URLClassLoader {

    /** Packages (by prefix) and resource folders that every plugin shares with the runner. */
    private static final List<String> SHARED = List.of("io.alertas.spi.", "com.fasterxml.jackson.", "org.slf4j.");

    private final ClassLoader runner;

    PluginClassLoader(Path jar, ClassLoader runner) throws IOException {
        super("plugin " + jar.getFileName(), new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        this.runner = runner;
    }

    static boolean shared(String className) {
        return SHARED.stream().anyMatch(className::startsWith);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (shared(name)) {
            return runner.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return sharedResource(name) ? runner.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return sharedResource(name) ? runner.getResources(name) : super.getResources(name);
    }

    /** Resources beside the shared classes, such as alert-spi's version; services files stay the jar's own. */
    private static boolean sharedResource(String name) {
        return !name.startsWith("META-INF/") && shared(name.replace('/', '.'));
    }
}
