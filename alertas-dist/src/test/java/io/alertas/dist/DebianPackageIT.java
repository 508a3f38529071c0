package io.alertas.dist;

import static io.alertas.dist.Installs.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alertas.dist.Installs.Result;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package installed on this machine with dpkg, as root: its files, owners and modes, its conffiles,
 * its systemd units verified, one pass run as the alertas user the way the service runs it, then removed (the
 * config stays), installed again over a link that the alertas user planted (refused), and purged. Whatever happens, the package, its user and its files are gone at the end, so the
 * machine is left as it was; a machine that already has an alertas package, /etc/alertas or /var/cache/alertas
 * is not touched.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class DebianPackageIT {

    private static final String INDEX = "winlogbeat-deb-test";
    private static final String WEBHOOK_PATH = "/services/T0DEB/B0DEB/deb-secret";
    private static final Path ETC = Path.of("/etc/alertas");
    private static final Path CACHE = Path.of("/var/cache/alertas");
    private static final Map<String, String> ROOT_ENV = Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

    @Test
    void installsRunsAPassAsAlertasAndRemovesKeepingTheConfig(ElasticsearchNode node, @TempDir Path root,
            RecordingHttpServer slack) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a Debian package needs root (CI runs as root)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "dpkg is not installed: this is not a Debian machine");
        assumeFalse(known(root), "dpkg already knows a package alertas here; the test would replace it");
        assumeFalse(Files.exists(ETC, LinkOption.NOFOLLOW_LINKS) || Files.exists(CACHE, LinkOption.NOFOLLOW_LINKS),
                ETC + " or " + CACHE + " exists here; the test would change it");
        boolean userBefore = exec(ROOT_ENV, root, "getent", "passwd", "alertas").exit() == 0;
        boolean groupBefore = exec(ROOT_ENV, root, "getent", "group", "alertas").exit() == 0;
        Path deb;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("alertas.deb.dir")))) {
            deb = files.filter(f -> f.getFileName().toString().matches("alertas_.*_all\\.deb")).findFirst().orElseThrow();
        }
        // 0.1.0-SNAPSHOT is 0.1.0~SNAPSHOT, which dpkg sorts before the release 0.1.0.
        assertEquals(System.getProperty("alertas.version").replace("-SNAPSHOT", "~SNAPSHOT"),
                exec(ROOT_ENV, root, "dpkg-deb", "-f", deb.toString(), "Version").out().strip());
        Installs.indexLogons(node, INDEX);
        try {
            installAndRun(node, root, slack, deb);
        } finally {
            exec(ROOT_ENV, root, "dpkg", "--purge", "alertas");
            Files.deleteIfExists(ETC.resolve("http_ca.crt"));
            Files.deleteIfExists(ETC.resolve("alerts.json.mine"));
            exec(ROOT_ENV, root, "rmdir", ETC.toString());
            if (!userBefore) {
                exec(ROOT_ENV, root, "userdel", "alertas");
            }
            if (!groupBefore) {
                exec(ROOT_ENV, root, "groupdel", "alertas");
            }
        }
        assertFalse(known(root), "dpkg forgot alertas");
        assertFalse(Files.exists(ETC, LinkOption.NOFOLLOW_LINKS));
    }

    private static void installAndRun(ElasticsearchNode node, Path root, RecordingHttpServer slack, Path deb) throws Exception {
        Result install = exec(ROOT_ENV, root, "dpkg", "-i", deb.toString());
        String javaHome = null;
        if (install.exit() != 0 && install.err().contains("dependency problems")) {
            // The Java runtime here is not a Debian package (a JDK unpacked by hand or by a CI action), so dpkg
            // cannot see that the dependency holds: the unpacked package is configured without it, and the pass
            // gets this test's own Java as JAVA_HOME.
            install = exec(ROOT_ENV, root, "dpkg", "--configure", "--force-depends", "alertas");
            javaHome = System.getProperty("java.home");
        }
        assertEquals(0, install.exit(), install.out() + install.err());

        assertTrue(Files.isExecutable(Path.of("/usr/share/alertas/bin/alertas")));
        assertTrue(Files.isSymbolicLink(Path.of("/usr/bin/alertas")));
        assertEquals(Path.of("/usr/share/alertas/bin/alertas"), Path.of("/usr/bin/alertas").toRealPath());
        assertTrue(Files.isRegularFile(Path.of("/usr/share/alertas/lib/alert-runner.jar")));
        assertTrue(Files.isDirectory(Path.of("/usr/share/alertas/plugins")));
        assertEquals("alertas:alertas rwxr-x---", owner(ETC));
        assertEquals("alertas:alertas rw-------", owner(ETC.resolve("credentials.json")));
        assertEquals("alertas:alertas rw-------", owner(ETC.resolve("alertas.env")));
        assertEquals("root:root rw-r--r--", owner(ETC.resolve("alerts.json")));
        Result conffiles = exec(ROOT_ENV, root, "dpkg-query", "-W", "-f=${Conffiles}", "alertas");
        for (String file : List.of("credentials.json", "alertas.env", "alerts.json")) {
            assertTrue(conffiles.out().contains(" /etc/alertas/" + file + " "), conffiles.out());
        }
        Result shell = exec(ROOT_ENV, root, "getent", "passwd", "alertas");
        assertTrue(shell.out().strip().endsWith(":/nonexistent:/usr/sbin/nologin"), shell.out());

        if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            Result verify = exec(ROOT_ENV, root, "systemd-analyze", "verify", "--man=no",
                    "/lib/systemd/system/alertas.service", "/lib/systemd/system/alertas.timer");
            assertEquals(0, verify.exit(), verify.out() + verify.err());
            assertFalse((verify.out() + verify.err()).contains("alertas.service:"), verify.out() + verify.err());
            assertTrue(Files.readString(Path.of("/lib/systemd/system/alertas.service"))
                    .contains("\nExecStart=/usr/bin/alertas run --config /etc/alertas\n"));
        }

        Installs.configure(ETC, node, INDEX, slack.url(WEBHOOK_PATH));
        // What the service's User=, EnvironmentFile= and CacheDirectory= give the pass: the alertas user, the
        // secrets read from alertas.env (by that user here: the file is its own), /var/cache/alertas.
        Result cache = exec(ROOT_ENV, root, "install", "-d", "-o", "alertas", "-g", "alertas", "-m", "700", CACHE.toString());
        assertEquals(0, cache.exit(), cache.err());
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "CACHE_DIRECTORY", CACHE.toString()));
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome);
        }
        Result pass = asAlertas(env, root, "set -a && . /etc/alertas/alertas.env && set +a && exec alertas run --config /etc/alertas");
        assertEquals(0, pass.exit(), pass.out() + pass.err());
        assertTrue(slack.requests().get(slack.requests().size() - 1).body().contains("Administrator"),
                slack.requests().toString());
        assertFalse((pass.out() + pass.err()).contains("deb-secret"));
        assertEquals("alertas:alertas", owner(ETC.resolve("throttle_period.json")).split(" ")[0]);

        Result remove = exec(ROOT_ENV, root, "dpkg", "-r", "alertas");
        assertEquals(0, remove.exit(), remove.out() + remove.err());
        assertFalse(Files.exists(Path.of("/usr/bin/alertas"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(Path.of("/lib/systemd/system/alertas.service")));
        assertTrue(Files.readString(ETC.resolve("credentials.json")).contains(node.url().toString()), "remove keeps the config");
        assertTrue(Files.readString(ETC.resolve("alertas.env")).contains("deb-secret"), "remove keeps the secrets");
        assertTrue(Files.exists(ETC.resolve("throttle_period.json")), "remove keeps the state");

        // The alertas user can write /etc/alertas: a link it puts in place of a conffile, which dpkg would write
        // through as root, stops an install, and the file it leads to is left as it was.
        Path victim = Files.writeString(root.resolve("victim"), "root's own\n");
        Result plant = asAlertas(env, root, "mv /etc/alertas/alerts.json /etc/alertas/alerts.json.mine && ln -s " + victim
                + " /etc/alertas/alerts.json");
        assertEquals(0, plant.exit(), plant.err());
        Result refused = exec(ROOT_ENV, root, "dpkg", "-i", deb.toString());
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("alertas: /etc/alertas/alerts.json is a symbolic link that alertas made, not root;"
                + " dpkg would write through it as root. Replace it with a file, then install again."), refused.err());
        assertEquals("root's own\n", Files.readString(victim));
        assertEquals("root:root rw-r--r--", owner(victim));
        Files.delete(ETC.resolve("alerts.json"));
        Files.move(ETC.resolve("alerts.json.mine"), ETC.resolve("alerts.json"));

        Result purge = exec(ROOT_ENV, root, "dpkg", "--purge", "alertas");
        assertEquals(0, purge.exit(), purge.out() + purge.err());
        List<String> left;
        try (Stream<Path> files = Files.list(ETC)) {
            left = files.map(f -> f.getFileName().toString()).toList();
        }
        assertEquals(node.cluster().secured() ? List.of("http_ca.crt") : List.of(), left,
                "purge removes the conffiles, the state and the log, and keeps what the admin added");
        assertFalse(Files.exists(CACHE, LinkOption.NOFOLLOW_LINKS), "purge removes the class-data archive");
        assertEquals(1, exec(ROOT_ENV, root, "dpkg-statoverride", "--list", "/etc/alertas/credentials.json").exit());
    }

    /** Runs {@code script} with sh as the alertas user, from {@code /}. */
    private static Result asAlertas(Map<String, String> env, Path root, String script) throws Exception {
        return exec(env, root, "setpriv", "--reuid=alertas", "--regid=alertas", "--init-groups", "sh", "-c", "cd / && " + script);
    }

    /** Whether dpkg knows a package alertas, installed or with its config files left. */
    private static boolean known(Path root) throws Exception {
        return exec(ROOT_ENV, root, "dpkg-query", "-W", "alertas").exit() == 0;
    }

    /** {@code user:group rwxr-x---} of {@code path}. */
    private static String owner(Path path) throws Exception {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.owner().getName() + ":" + attributes.group().getName() + " "
                + PosixFilePermissions.toString(attributes.permissions());
    }
}
