package io.alertas.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster distribution the testkit can start: a flavour, a version and whether it runs with security, written
 * {@code elasticsearch-8.19.21}, {@code opensearch-2.19.3} or {@code opensearch-2.19.3+security}. Each is the
 * integ-test zip on Maven Central ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch},
 * {@code org.opensearch.distribution.integ-test-zip:opensearch}).
 *
 * <p>Elasticsearch nodes always run with security on (TLS with their own CA, a superuser with a password). The
 * OpenSearch integ-test zip carries no security plugin: {@code opensearch-X.Y.Z} serves plain HTTP without
 * credentials, and {@code opensearch-X.Y.Z+security} gets the security plugin of its version installed
 * ({@code org.opensearch.plugin:opensearch-security:X.Y.Z.0:zip}, which must be in the local Maven repository) and
 * then runs like Elasticsearch: TLS with its own CA and the same user and password.
 */
public record Cluster(Flavour flavour, String version, boolean security) {

    /** The cluster tests start unless told otherwise. */
    public static final Cluster DEFAULT = new Cluster(Flavour.ELASTICSEARCH, ElasticsearchNode.VERSION, true);

    /**
     * Every cluster Alertas is tested on, oldest first within a flavour. OpenSearch 3.3.0 runs without security: Maven
     * Central has no security plugin for it (nor, for 3.4.0, the rule-framework module that plugin needs).
     */
    public static final List<Cluster> SUPPORTED = List.of(
            new Cluster(Flavour.ELASTICSEARCH, "7.17.29", true), DEFAULT, new Cluster(Flavour.ELASTICSEARCH, "9.2.0", true),
            new Cluster(Flavour.OPENSEARCH, "2.19.3", true), new Cluster(Flavour.OPENSEARCH, "3.3.0", false));

    private static final String SECURITY = "+security";
    private static final Pattern NAME = Pattern.compile("(elasticsearch|opensearch)-(\\d+)\\.(\\d+)\\.(\\d+)(\\+security)?");

    /** Elasticsearch nodes always run with security: the testkit starts none without. */
    public Cluster {
        if (flavour == Flavour.ELASTICSEARCH && !security) {
            throw new IllegalArgumentException("the testkit starts Elasticsearch " + version + " with security only");
        }
    }

    /** The two kinds of cluster, with how their distribution names its files and settings. */
    public enum Flavour {
        ELASTICSEARCH("elasticsearch", "org.elasticsearch.distribution.integ-test-zip", "ES_", "elasticsearch.yml"),
        OPENSEARCH("opensearch", "org.opensearch.distribution.integ-test-zip", "OPENSEARCH_", "opensearch.yml");

        final String name;
        final String groupId;
        final String environmentPrefix;
        final String settingsFile;

        Flavour(String name, String groupId, String environmentPrefix, String settingsFile) {
            this.name = name;
            this.groupId = groupId;
            this.environmentPrefix = environmentPrefix;
            this.settingsFile = settingsFile;
        }
    }

    /**
     * Reads {@code elasticsearch-7.17.29}, {@code opensearch-2.19.3} or {@code opensearch-2.19.3+security}.
     *
     * @throws IllegalArgumentException naming the supported clusters when the text is not one such name
     */
    public static Cluster parse(String text) {
        Matcher m = NAME.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a cluster such as " + DEFAULT
                    + "; tested: " + SUPPORTED.stream().map(Cluster::toString).toList());
        }
        boolean elasticsearch = m.group(1).equals("elasticsearch");
        return new Cluster(elasticsearch ? Flavour.ELASTICSEARCH : Flavour.OPENSEARCH,
                m.group(2) + "." + m.group(3) + "." + m.group(4), elasticsearch || m.group(5) != null);
    }

    /** The cluster named by the system property {@code alertas.cluster} or the variable {@code ALERTAS_CLUSTER}, else {@link #DEFAULT}. */
    public static Cluster configured() {
        String name = System.getProperty("alertas.cluster", System.getenv("ALERTAS_CLUSTER"));
        return name == null || name.isBlank() ? DEFAULT : parse(name);
    }

    /** Whether the node runs with TLS and a password (Elasticsearch, OpenSearch with {@code +security}) or plain HTTP without them. */
    public boolean secured() {
        return security;
    }

    int major() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    /** The oldest Java the node runs on: 21 for Elasticsearch 9 and OpenSearch 3, else 17. */
    int javaNeeded() {
        return flavour == Flavour.ELASTICSEARCH && major() >= 9 || flavour == Flavour.OPENSEARCH && major() >= 3 ? 21 : 17;
    }

    /** The zip in the local Maven repository, or where {@code alertas.elasticsearch.zip} points for the default cluster. */
    Path zip() {
        String configured = System.getProperty("alertas.elasticsearch.zip");
        if (equals(DEFAULT) && configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return repository().resolve(Path.of(flavour.groupId.replace('.', '/'), flavour.name, version, flavour.name + "-" + version + ".zip"));
    }

    private static Path repository() {
        return Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    }

    /** The Maven coordinates of the distribution, as a pom names it. */
    String coordinates() {
        return flavour.groupId + ":" + flavour.name + ":" + version + ":zip";
    }

    /**
     * A Java home the node runs on: this JVM's when it is new enough, else {@code alertas.node.java.home} (or
     * {@code ALERTAS_NODE_JAVA_HOME}), else the newest JDK under {@code /usr/lib/jvm} that is.
     */
    Path javaHome() {
        if (Runtime.version().feature() >= javaNeeded()) {
            return Path.of(System.getProperty("java.home"));
        }
        String configured = System.getProperty("alertas.node.java.home", System.getenv("ALERTAS_NODE_JAVA_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return newestJdk(Path.of("/usr/lib/jvm")).filter(jdk -> jdk.feature() >= javaNeeded()).map(Jdk::home)
                .orElseThrow(() -> new IllegalStateException(this + " needs Java " + javaNeeded() + " or later to run;"
                        + " this JVM is " + Runtime.version().feature() + " and none is under /usr/lib/jvm:"
                        + " set -Dalertas.node.java.home or ALERTAS_NODE_JAVA_HOME"));
    }

    private record Jdk(Path home, int feature) {
    }

    private static Optional<Jdk> newestJdk(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        Pattern javaVersion = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
        Jdk newest = null;
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(root)) {
            for (Path home : homes) {
                Path release = home.resolve("release");
                if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))) {
                    Matcher m = javaVersion.matcher(Files.readString(release));
                    if (m.find() && (newest == null || Integer.parseInt(m.group(1)) > newest.feature())) {
                        newest = new Jdk(home, Integer.parseInt(m.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(newest);
    }

    /** Whether the node is OpenSearch with its security plugin installed. */
    boolean hasSecurityPlugin() {
        return security && flavour == Flavour.OPENSEARCH;
    }

    /** The OpenSearch security plugin's zip for this version in the local Maven repository. */
    Path securityPlugin() {
        return repository().resolve(Path.of("org", "opensearch", "plugin", "opensearch-security", version + ".0",
                "opensearch-security-" + version + ".0.zip"));
    }

    /** The Maven coordinates of the OpenSearch security plugin for this version, as a pom names them. */
    String securityPluginCoordinates() {
        return "org.opensearch.plugin:opensearch-security:" + version + ".0:zip";
    }

    /** {@code elasticsearch-8.19.21} or {@code opensearch-2.19.3+security}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return flavour.name + "-" + version + (hasSecurityPlugin() ? SECURITY : "");
    }

    /** {@code Elasticsearch 8.19.21}, for people. */
    public String displayName() {
        return (flavour == Flavour.ELASTICSEARCH ? "Elasticsearch " : "OpenSearch ") + version;
    }
}
