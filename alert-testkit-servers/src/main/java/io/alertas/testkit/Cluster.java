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
 * A cluster distribution the testkit can start: a flavour and a version, written {@code elasticsearch-8.19.21} or
 * {@code opensearch-3.3.0}. Each is the integ-test zip on Maven Central
 * ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch},
 * {@code org.opensearch.distribution.integ-test-zip:opensearch}).
 *
 * <p>Elasticsearch nodes run with security on (TLS with their own CA, a superuser with a password); the OpenSearch
 * integ-test zip carries no security plugin, so OpenSearch nodes serve plain HTTP without credentials.
 */
public record Cluster(Flavour flavour, String version) {

    /** The cluster tests start unless told otherwise. */
    public static final Cluster DEFAULT = new Cluster(Flavour.ELASTICSEARCH, ElasticsearchNode.VERSION);

    /** Every cluster Alertas is tested on, oldest first within a flavour. */
    public static final List<Cluster> SUPPORTED = List.of(
            new Cluster(Flavour.ELASTICSEARCH, "7.17.29"), DEFAULT, new Cluster(Flavour.ELASTICSEARCH, "9.2.0"),
            new Cluster(Flavour.OPENSEARCH, "2.19.3"), new Cluster(Flavour.OPENSEARCH, "3.3.0"));

    private static final Pattern NAME = Pattern.compile("(elasticsearch|opensearch)-(\\d+)\\.(\\d+)\\.(\\d+)");

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
     * Reads {@code elasticsearch-7.17.29} or {@code opensearch-2.19.3}.
     *
     * @throws IllegalArgumentException naming the supported clusters when the text is not one such name
     */
    public static Cluster parse(String text) {
        Matcher m = NAME.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a cluster such as " + DEFAULT
                    + "; tested: " + SUPPORTED.stream().map(Cluster::toString).toList());
        }
        return new Cluster(m.group(1).equals("elasticsearch") ? Flavour.ELASTICSEARCH : Flavour.OPENSEARCH,
                m.group(2) + "." + m.group(3) + "." + m.group(4));
    }

    /** The cluster named by the system property {@code alertas.cluster} or the variable {@code ALERTAS_CLUSTER}, else {@link #DEFAULT}. */
    public static Cluster configured() {
        String name = System.getProperty("alertas.cluster", System.getenv("ALERTAS_CLUSTER"));
        return name == null || name.isBlank() ? DEFAULT : parse(name);
    }

    /** Whether the node runs with TLS and a password (Elasticsearch) or plain HTTP without them (OpenSearch). */
    public boolean secured() {
        return flavour == Flavour.ELASTICSEARCH;
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
        String repository = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        return Path.of(repository, flavour.groupId.replace('.', '/'), flavour.name, version, flavour.name + "-" + version + ".zip");
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

    /** {@code elasticsearch-8.19.21}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return flavour.name + "-" + version;
    }

    /** {@code Elasticsearch 8.19.21}, for people. */
    public String displayName() {
        return (flavour == Flavour.ELASTICSEARCH ? "Elasticsearch " : "OpenSearch ") + version;
    }
}
