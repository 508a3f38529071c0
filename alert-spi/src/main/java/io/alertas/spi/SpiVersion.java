package io.alertas.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of this SPI, {@code MAJOR.MINOR}. A plugin jar records the version it was built against in its
 * manifest as {@value #MANIFEST_ATTRIBUTE}; a runner loads it when the majors are equal and the jar's minor
 * is not newer than its own (a minor adds only defaults and new types; a major may remove or change them).
 */
public final class SpiVersion {

    /** The manifest attribute of a plugin jar that names the SPI version it was built against. */
    public static final String MANIFEST_ATTRIBUTE = "Alertas-SPI-Version";

    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final String CURRENT = read();

    private SpiVersion() {
    }

    /** This SPI's version, such as {@code "1.0"}. */
    public static String current() {
        return CURRENT;
    }

    /**
     * Why a jar built against {@code builtFor} (the manifest's value, empty when it has none) cannot run
     * on this SPI, in words that name both versions; empty when it can.
     */
    public static Optional<String> incompatibility(Optional<String> builtFor) {
        if (builtFor.isEmpty()) {
            return Optional.of("it does not say which Alertas SPI it was built for (no " + MANIFEST_ATTRIBUTE
                    + " in its manifest: built before alert-spi existed, SPI 0); this runner has SPI " + CURRENT
                    + "; rebuild it against io.alertas:alert-spi " + major(CURRENT) + ".x");
        }
        Matcher jar = FORM.matcher(builtFor.get().strip());
        if (!jar.matches()) {
            return Optional.of(MANIFEST_ATTRIBUTE + " must be MAJOR.MINOR such as \"" + CURRENT + "\"");
        }
        String built = jar.group(1) + "." + jar.group(2);
        if (Integer.parseInt(jar.group(1)) != major(CURRENT)) {
            return Optional.of("it was built for Alertas SPI " + built + "; this runner has SPI " + CURRENT
                    + "; rebuild it against io.alertas:alert-spi " + major(CURRENT) + ".x");
        }
        if (Integer.parseInt(jar.group(2)) > minor(CURRENT)) {
            return Optional.of("it was built for Alertas SPI " + built + ", newer than this runner's SPI " + CURRENT
                    + "; upgrade the runner");
        }
        return Optional.empty();
    }

    private static int major(String version) {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    private static int minor(String version) {
        return Integer.parseInt(version.substring(version.indexOf('.') + 1));
    }

    private static String read() {
        try (InputStream in = SpiVersion.class.getResourceAsStream("spi.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            if (!FORM.matcher(version).matches()) {
                throw new IllegalStateException("alert-spi's spi.properties holds no MAJOR.MINOR version");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
