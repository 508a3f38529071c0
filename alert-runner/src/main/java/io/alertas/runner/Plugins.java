package io.alertas.runner;

import io.alertas.core.Alertas;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.AlertModule;
import io.alertas.spi.AlertSource;
import io.alertas.spi.MediumProvider;
import io.alertas.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the alert modules, alert sources and media with {@link ServiceLoader}: the modules and sources built
 * into the runner, and the modules, sources and media of every jar in the plugin folders (the built-in media are {@link Alertas}'s own), each jar in a class loader of its own that shares only the SPI, Jackson
 * and the SLF4J API with the runner. A provider that fails to load is
 * reported with its class and jar, and the others go on. What loaded is given to {@link Alertas} ({@link #into}).
 */
final class Plugins {

    /**
     * A module as it loaded, with the jar it came from as users see it: its alerts are asked for once, here,
     * where a module's failure is its jar's problem.
     */
    private record Loaded(String name, List<AlertDefinition> alerts, String jar) implements AlertModule {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);
    private static final String SERVICES = "META-INF/services/";
    private static final int MAX_SERVICES_BYTES = 64 << 10;

    private final List<Loaded> modules = new ArrayList<>();
    private final List<MediumProvider> media = new ArrayList<>();
    /** The alert sources by name, the first of a name kept. */
    private final Map<String, AlertSource> sources = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    /** Each medium kind loaded so far, and whose it is, as a warning names it. */
    private final Map<String, String> mediumKinds = new HashMap<>();

    private Plugins() {
        Alertas.builtInMedia().forEach(kind -> mediumKinds.put(kind, "the built-in medium \"" + kind + "\""));
    }

    static Plugins discover(List<Path> folders) {
        Plugins plugins = new Plugins();
        ClassLoader builtIn = Plugins.class.getClassLoader();
        plugins.load(builtIn, null);
        for (Path jar : jars(folders, plugins.problems)) {
            String unfit = unfit(jar);
            if (unfit != null) {
                plugins.problems.add(jar + ": skipped: " + unfit);
                LOG.error(Logging.SAID, "{}: skipped: {}", jar, unfit);
                continue;
            }
            try {
                plugins.load(new PluginClassLoader(jar, builtIn), jar);
            } catch (IOException e) {
                plugins.problems.add(jar + ": cannot be loaded: " + e.getMessage());
            }
        }
        return plugins;
    }

    /**
     * Why {@code jar} cannot be loaded, or null: it must be a regular file that reads as a zip, built for this
     * SPI (its manifest says so, read before any of its classes is loaded), and its services files must be
     * small (ServiceLoader reads a line whole, so one huge line would fill the heap).
     */
    private static String unfit(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return "it is not a regular file";
        }
        try (JarFile zip = new JarFile(jar.toFile(), false)) {
            Manifest manifest = zip.getManifest();
            Optional<String> incompatible = SpiVersion.incompatibility(Optional.ofNullable(manifest)
                    .map(m -> m.getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE)));
            if (incompatible.isPresent()) {
                return incompatible.get();
            }
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith(SERVICES) && !entry.isDirectory()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        if (in.readNBytes(MAX_SERVICES_BYTES + 1).length > MAX_SERVICES_BYTES) {
                            return entry.getName() + " is larger than " + (MAX_SERVICES_BYTES >> 10)
                                    + " KB; a services file names a few classes";
                        }
                    }
                }
            }
            return null;
        } catch (ZipException e) {
            return "it is not a jar (not a readable zip file: " + e.getMessage() + "); was it copied whole?";
        } catch (IOException e) {
            return "it cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
    }

    private static List<Path> jars(List<Path> folders, List<String> problems) {
        List<Path> jars = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                problems.add(folder + ": the plugin folder cannot be read: " + e.getMessage());
            }
        }
        return jars;
    }

    /** Loads the providers that {@code loader} itself defines ({@code jar} null: the runner's own). */
    private void load(ClassLoader loader, Path jar) {
        String where = jar == null ? null : jar.toString();
        each(AlertModule.class, loader, where, provider -> {
            AlertModule module = provider.get();
            String origin = where == null ? origin(module.getClass()) : jar.getFileName().toString();
            try {
                modules.add(new Loaded(module.name(), module.alerts(), origin));
                loaded("alert module", module.name(), where, origin);
            } catch (RuntimeException | StackOverflowError | InternalError e) {
                // a module's own bug, such as endless recursion, or a lambda the JVM could not link, is its own
                fail(where, module.getClass().getName(), "its module failed: " + e, e);
            } catch (LinkageError e) {
                fail(where, module.getClass().getName(),
                        "it was built against an incompatible Alertas SPI (" + e + "); rebuild it against this version", e);
            }
        });
        each(MediumProvider.class, loader, where, provider -> medium(provider.get(), where));
        each(AlertSource.class, loader, where, provider -> source(provider.get(), where));
    }

    /**
     * Logs that {@code what} {@code name} was loaded from {@code origin}: at info for a jar of a plugin folder
     * ({@code jar}), which a team put there; at debug for the runner's own, which every command loads.
     */
    private static void loaded(String what, String name, String jar, String origin) {
        if (jar == null) {
            LOG.debug("{} \"{}\" loaded from {}", what, name, origin);
        } else {
            LOG.info("{} \"{}\" loaded from {}", what, name, origin);
        }
    }

    /** Keeps {@code source} unless a source read before has its name: then it is ignored, said with its jar and class. */
    private void source(AlertSource source, String jar) {
        String name = named(source::name, source.getClass(), jar);
        if (name == null) {
            return;
        }
        AlertSource first = sources.putIfAbsent(name, source);
        if (first == null) {
            loaded("alert source", name, jar, jar == null ? origin(source.getClass()) : jar);
            return;
        }
        String warning = (jar == null ? "the runner jar" : jar) + ": alert source \"" + name + "\" of "
                + source.getClass().getName() + " is ignored: " + first.getClass().getName() + " has that name; rename it";
        LOG.warn(Logging.SAID, warning);
        warnings.add(warning);
    }

    /** What a provider's {@code name()} gives, or null with its failure reported against its class and jar. */
    private String named(Supplier<String> name, Class<?> type, String jar) {
        try {
            return name.get();
        } catch (RuntimeException e) {
            fail(jar, type.getName(), "its name() failed: " + e, e);
            return null;
        }
    }

    /** Gives {@code alertas} every module, medium and alert source that loaded; returns it. */
    Alertas.Builder into(Alertas.Builder alertas) {
        modules.forEach(module -> alertas.module(module, module.jar()));
        media.forEach(alertas::mediumProvider);
        sources.values().forEach(alertas::alertSource);
        return alertas;
    }

    /**
     * Keeps {@code provider} unless its kind is taken, by a built-in medium or a jar read before: then it is
     * ignored, said with its jar and class, whether or not the configuration loads.
     */
    private void medium(MediumProvider provider, String jar) {
        String kind = named(provider::name, provider.getClass(), jar);
        if (kind == null) {
            return;
        }
        String type = provider.getClass().getName();
        String owner = jar == null ? "the built-in medium \"" + kind + "\""
                : "the medium \"" + kind + "\" of " + type + " in " + jar;
        String first = mediumKinds.putIfAbsent(kind, owner);
        if (first == null) {
            media.add(provider);
            return;
        }
        String warning = (jar == null ? "the runner jar" : jar) + ": medium kind \"" + kind + "\" of " + type
                + " is ignored: " + first + " has that name; rename it";
        LOG.warn(Logging.SAID, warning);
        warnings.add(warning);
    }

    private <T> void each(Class<T> service, ClassLoader loader, String jar, Consumer<ServiceLoader.Provider<T>> use) {
        Iterator<ServiceLoader.Provider<T>> providers = ServiceLoader.load(service, loader).stream().iterator();
        for (int errors = 0; errors < 100; ) {
            ServiceLoader.Provider<T> provider;
            try {
                if (!providers.hasNext()) {
                    return;
                }
                provider = providers.next();
                if (jar != null && provider.type().getClassLoader() != loader) {
                    continue;
                }
                use.accept(provider);
            } catch (ServiceConfigurationError | LinkageError e) {
                errors++;
                fail(jar == null ? "the runner jar" : jar, service.getSimpleName(), Messages.firstLine(e), e);
            }
        }
    }

    private void fail(String jar, String what, String why, Throwable e) {
        String problem = (jar == null ? "the runner jar" : jar) + ": " + what + " skipped: " + why;
        LOG.error(Logging.SAID, problem, e);
        problems.add(problem);
    }

    /** The jar (or class folder) a built-in class came from, as users see it. */
    private static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            return "(unknown)";
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isDirectory(path) ? path.toString() : path.getFileName().toString();
        } catch (Exception e) {
            return source.getLocation().toString();
        }
    }
}
