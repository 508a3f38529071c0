package io.alertas.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI image tar the build made, read as a container engine would: its image layout taken out of the tar, its
 * config read with skopeo, its layers unpacked with umoci, and its entrypoint run from that root filesystem in a chroot with a /proc and the /dev nodes of its
 * own (the part of a container that matters to a JVM), as the image's user, against the test cluster, with a config
 * dir mounted at /etc/alertas and the secrets in the environment.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class ImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "winlogbeat-image-test";
    private static final String WEBHOOK_PATH = "/services/T0IMG/B0IMG/image-secret";
    private static final String USER = "10001:10001";
    private static final Path IMAGE = Path.of(System.getProperty("alertas.image.tar"));
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    /**
     * Run in a mount and pid namespace (a user namespace too when not root): a /proc, and a /dev holding only the
     * nodes a container runtime gives, bound from the host's, so that nothing of the host's /dev is below the root.
     */
    private static final String CONTAINER = """
            root=$1; shift
            mount -t proc proc "$root/proc" && mount -t tmpfs -o mode=755 dev "$root/dev" || exit 125
            for node in null zero random urandom; do
              touch "$root/dev/$node" && mount --bind "/dev/$node" "$root/dev/$node" || exit 125
            done
            exec "$@"
            """;

    private record Result(int exit, String out, String err) {
    }

    @Test
    void theConfigRunsTheRunnerWithJavaAsTheNonRootUser(@TempDir Path work) throws Exception {
        JsonNode config = imageConfig(layout(work)).path("config");

        List<String> entrypoint = strings(config.path("Entrypoint"));
        assertEquals("/opt/java/openjdk/bin/java", entrypoint.get(0));
        assertEquals(List.of("-jar", "/usr/share/alertas/lib/alert-runner.jar"), entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
        assertTrue(entrypoint.containsAll(List.of("-Dalertas.command=alertas", "-Dalertas.plugins=/usr/share/alertas/plugins",
                System.getProperty("alertas.image.java.classes"), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")),
                entrypoint.toString());
        assertEquals(List.of("run", "--config", "/etc/alertas"), strings(config.path("Cmd")));
        assertEquals(USER, config.path("User").asText());
        JsonNode labels = config.path("Labels");
        assertEquals(System.getProperty("alertas.version"), labels.path("org.opencontainers.image.version").asText());
        assertEquals("Alertas", labels.path("org.opencontainers.image.title").asText());
        assertTrue(labels.path("org.opencontainers.image.source").asText().startsWith("https://"), labels.toString());
        assertFalse(labels.path("org.opencontainers.image.description").asText().isBlank(), labels.toString());
    }

    @Test
    void theUnpackedImageRunsAPassAsItsUserFromAMountedConfigDir(ElasticsearchNode node, @TempDir Path work,
            RecordingHttpServer slack) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        node.deleteIndices(INDEX);
        node.createIndex(INDEX, JSON.readTree("""
                {"dynamic_templates": [{"strings": {"match_mapping_type": "string", "mapping": {"type": "keyword"}}}],
                 "properties": {"@timestamp": {"type": "date"}}}
                """));
        StringBuilder logons = new StringBuilder();
        for (int offset = -60; offset <= 240; offset += 10) {
            logons.append("""
                    {"@timestamp":"%s","event":{"code":"4624"},"host":{"name":"dc-01"},"winlog":{"event_data":{"TargetUserName":"Administrator"}}}
                    """.formatted(now.plusSeconds(offset)));
        }
        node.index(INDEX, Fixtures.parse(logons.toString(), now, "logons"));

        String image = layout(work);
        JsonNode config = imageConfig(image).path("config");
        Path rootfs = unpack(image, work);
        assertTrue(Files.isRegularFile(rootfs.resolve("usr/share/alertas/lib/alert-runner.jar")));
        assertTrue(Files.isDirectory(rootfs.resolve("usr/share/alertas/plugins")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(rootfs.resolve("opt/java/openjdk/bin/java"))));
        assertTrue(Files.readString(rootfs.resolve("etc/passwd")).contains("\nalertas:x:10001:10001:"));
        if (ROOT) {
            // What the runner runs is root's: a compromised pass cannot change the runtime, the jar or the plugins.
            for (String path : List.of("opt/java/openjdk/bin/java", "opt/java/openjdk/lib/modules",
                    "usr/share/alertas/lib/alert-runner.jar", "usr/share/alertas/plugins")) {
                Path file = rootfs.resolve(path);
                assertEquals(0, Files.getAttribute(file, "unix:uid"), path);
                assertFalse(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)).matches("....w....|.......w."), path);
            }
        }
        assertFalse(Files.exists(rootfs.resolve("bin/sh")) || Files.exists(rootfs.resolve("app")), "nothing but the runner and its runtime");

        // What a container engine adds: a /proc and a /dev to mount on, the host's name resolution, the mounted config.
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));
        Files.copy(Path.of("/etc/hosts"), rootfs.resolve("etc/hosts"));
        Path etc = rootfs.resolve("etc/alertas");
        Files.copy(node.caCertificate(), etc.resolve("http_ca.crt"));
        Files.writeString(etc.resolve("credentials.json"), """
                {
                  "elasticsearch": { "url": "%s", "username": "%s", "password": "${ES_PASSWORD}",
                                     "ca_certificate": "/etc/alertas/http_ca.crt" },
                  "slack": { "webhook_url": "${SLACK_WEBHOOK_URL}" }
                }
                """.formatted(node.url(), ElasticsearchNode.USERNAME));
        Files.setPosixFilePermissions(etc.resolve("credentials.json"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(etc.resolve("alerts.json"), """
                { "privileged_logon": { "active": true, "index": "%s", "params": { "users": ["Administrator"] } } }
                """.formatted(INDEX));
        if (ROOT) {
            exec(List.of("chown", "-R", USER, etc.toString()));
        }

        List<String> entrypoint = strings(config.path("Entrypoint"));
        List<String> environment = new ArrayList<>(strings(config.path("Env")));
        environment.addAll(List.of("ES_PASSWORD=" + ElasticsearchNode.PASSWORD, "SLACK_WEBHOOK_URL=" + slack.url(WEBHOOK_PATH)));

        // -Xshare:on, which fails when the runtime's class-data archive cannot be mapped, for the image's -Xshare:auto;
        // built on Java 25 or later, -XX:AOTMode=on beside -XX:AOTCache, which fails when that cache cannot be used.
        List<String> sharing = entrypoint.stream().flatMap(flag -> flag.equals("-Xshare:auto") ? Stream.of("-Xshare:on")
                : flag.startsWith("-XX:AOTCache=") ? Stream.of(flag, "-XX:AOTMode=on") : Stream.of(flag)).toList();
        Result version = inContainer(rootfs, environment, sharing, List.of("--version"));
        assertEquals(0, version.exit(), version.err());
        assertTrue(version.out().contains(System.getProperty("alertas.version")), version.out());

        Result pass = inContainer(rootfs, environment, entrypoint, strings(config.path("Cmd")));
        assertEquals(0, pass.exit(), pass.out() + pass.err());
        assertEquals(1, slack.requests().size(), slack.requests().toString());
        assertEquals(WEBHOOK_PATH, slack.requests().get(0).path());
        assertTrue(slack.requests().get(0).body().contains("Administrator"), slack.requests().get(0).body());
        assertFalse((pass.out() + pass.err()).contains("image-secret"), "the webhook URL is a secret");
        if (ROOT) {
            // The files the pass wrote into the config dir are the image's user's: it ran as that user.
            try (Stream<Path> files = Files.list(etc)) {
                List<Path> written = files.filter(file -> !List.of("credentials.json", "alerts.json", "http_ca.crt")
                        .contains(file.getFileName().toString())).toList();
                assertFalse(written.isEmpty(), "the pass keeps its state and log in the config dir");
                for (Path file : written) {
                    assertEquals(10001, Files.getAttribute(file, "unix:uid"), file.toString());
                }
            }
        }
    }

    /**
     * The image layout that the archive holds, taken out into {@code work}, as skopeo and umoci name it
     * ({@code DIR:NAME}). Skopeo reads an archive itself only as root: as another user it fails to chown what it untars.
     */
    private static String layout(Path work) throws Exception {
        Path layout = Files.createDirectories(work.resolve("layout"));
        Result untar = exec(List.of("tar", "-xf", IMAGE.toString(), "-C", layout.toString()));
        assertEquals(0, untar.exit(), untar.err());
        return layout + ":" + JSON.readTree(layout.resolve("index.json").toFile())
                .at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText();
    }

    private static JsonNode imageConfig(String image) throws Exception {
        Result inspect = exec(List.of("skopeo", "inspect", "--config", "oci:" + image));
        assertEquals(0, inspect.exit(), inspect.err());
        return JSON.readTree(inspect.out());
    }

    private static Path unpack(String image, Path work) throws Exception {
        List<String> umoci = new ArrayList<>(List.of("umoci", "unpack"));
        if (!ROOT) {
            umoci.add("--rootless");
        }
        umoci.addAll(List.of("--image", image, work.resolve("bundle").toString()));
        Result unpack = exec(umoci);
        assertEquals(0, unpack.exit(), unpack.err());
        return work.resolve("bundle/rootfs");
    }

    /**
     * Runs {@code entrypoint} and {@code args} from {@code rootfs} with only {@code environment}: as the image's
     * user when root, else as the user namespace's root (the unprivileged user outside).
     */
    private static Result inContainer(Path rootfs, List<String> environment, List<String> entrypoint, List<String> args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork"));
        if (!ROOT) {
            command.addAll(1, List.of("--user", "--map-root-user"));
        }
        command.addAll(List.of("sh", "-c", CONTAINER, "container", rootfs.toString(), "env", "-i"));
        command.addAll(environment);
        command.addAll(List.of("/usr/sbin/chroot"));
        if (ROOT) {
            command.add("--userspec=" + USER);
        }
        command.add(rootfs.toString());
        command.addAll(entrypoint);
        command.addAll(args);
        return exec(command);
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    private static Result exec(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().retainAll(List.of("PATH", "HOME", "TMPDIR"));
        Path out = Files.createTempFile("image-it", ".out");
        Path err = Files.createTempFile("image-it", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end in 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
