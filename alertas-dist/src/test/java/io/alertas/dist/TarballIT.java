package io.alertas.dist;

import static io.alertas.dist.Installs.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alertas.dist.Installs.Result;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.RecordingHttpServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball installed as docs/install.md says, in a temp dir standing in for /opt and /etc: init, edit, validate
 * --connect, then passes run by the sample crontab's own command line (cron's environment: the secrets come from
 * alertas.env), making the class-data sharing archive only after a pass that succeeded; on a Java 25 where one is
 * installed, the AOT cache. The systemd units are checked with systemd-analyze where it is installed.
 */
@ExtendWith({ElasticsearchExtension.class, RecordingHttpServerExtension.class})
class TarballIT {

    private static final String INDEX = "winlogbeat-tarball-test";
    private static final String INDEX_25 = "winlogbeat-tarball-java25-test";
    private static final String WEBHOOK_PATH = "/services/T0TAR/B0TAR/tarball-secret";

    @Test
    void installsInitsValidatesAndRunsPassesFromTheCrontabLine(ElasticsearchNode node, @TempDir Path root,
            RecordingHttpServer slack) throws Exception {
        Installs.indexLogons(node, INDEX);
        Path home = install(root);
        Path etc = root.resolve("etc/alertas");
        for (String file : List.of("bin/alertas", "lib/alert-runner.jar", "plugins/README", "conf.example/credentials.json",
                "conf.example/alerts.json", "systemd/alertas.service", "systemd/alertas.timer", "cron/alertas.crontab",
                "kibana/alertas-history.ndjson")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file + " is in the tarball");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("conf.example/credentials.json"))));

        Map<String, String> env = new HashMap<>(Map.of("HOME", root.resolve("home").toString(),
                "PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin"));
        Path alertas = home.resolve("bin/alertas");
        Result help = exec(env, root, alertas.toString(), "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("SYNOPSIS") && help.out().contains("EXIT STATUS"), help.out());
        Result usage = exec(env, root, alertas.toString(), "frobnicate");
        assertEquals(2, usage.exit());
        assertTrue(usage.err().startsWith("alertas: unknown command \"frobnicate\"")
                && usage.err().endsWith("\nTry: alertas --help\n"), "the launcher names the runner: " + usage.err());

        Result init = exec(env, root, alertas.toString(), "init", etc.toString());
        assertEquals(0, init.exit(), init.err());

        Installs.configure(etc, node, INDEX, slack.url(WEBHOOK_PATH));

        Result validate = exec(env, root, "sh", "-c", "set -a; . " + etc.resolve("alertas.env") + "; set +a; exec "
                + alertas + " validate --connect --config " + etc);
        assertEquals(0, validate.exit(), validate.out() + validate.err());
        assertTrue(validate.out().contains("alert \"privileged_logon\""), validate.out());
        assertEquals(0, slack.requests().size(), "validate --connect sends nothing");

        String cron = cronCommand(home.resolve("cron/alertas.crontab"), home, etc);
        Path cache = root.resolve("home/.cache/alertas");

        for (int attempt = 0; attempt < 20; attempt++) {
            slack.respond(500, "down"); // every attempt of the pass
        }
        Result failed = exec(env, root, "sh", "-c", cron);
        assertEquals(1, failed.exit(), failed.err());
        assertEquals(List.of(), archives(cache), "a failed pass makes no class-data archive");

        slack.reset();
        Result pass = exec(env, root, "sh", "-c", cron);
        assertEquals(0, pass.exit(), pass.err());
        assertEquals("", pass.out(), "the crontab drops the summary line");
        assertTrue(slack.requests().get(slack.requests().size() - 1).body().contains("Administrator"));
        assertEquals(1, archives(cache).size(), "the first pass that succeeded makes the archive");

        env.put("ALERTAS_JAVA_OPTS", "-Xshare:on");
        Result shared = exec(env, root, "sh", "-c", cron);
        assertEquals(0, shared.exit(), "the next pass maps the archive (-Xshare:on fails otherwise): " + shared.err());
        assertFalse((pass.err() + shared.out() + shared.err()).contains("tarball-secret"));
        env.remove("ALERTAS_JAVA_OPTS");

        Map<String, String> homeless = new HashMap<>(env);
        homeless.remove("HOME");
        Path tmpCache = Path.of("/tmp/.cache/alertas");
        List<Path> before = archives(tmpCache);
        Result withoutHome = exec(homeless, root, "sh", "-c", cron);
        List<Path> made = new ArrayList<>(archives(tmpCache));
        made.removeAll(before);
        for (Path archive : made) {
            Files.delete(archive);
        }
        assertEquals(0, withoutHome.exit(), withoutHome.err());
        assertEquals(List.of(), made, "with HOME unset no archive goes to /tmp/.cache/alertas, which any user could own");

        Path othersCache = Files.createDirectories(root.resolve("nobodys-cache"));
        Files.setOwner(othersCache, othersCache.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Path sharedCache = Files.createDirectories(root.resolve("shared-cache"));
        Files.setPosixFilePermissions(sharedCache, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (Path notOurs : List.of(othersCache, sharedCache)) {
            env.put("ALERTAS_CACHE", notOurs.toString());
            Result skipped = exec(env, root, "sh", "-c", cron);
            assertEquals(0, skipped.exit(), skipped.err());
            assertEquals(List.of(), archives(notOurs), "no archive is made in " + notOurs);
            assertTrue(skipped.err().contains("alertas: not using the class-data archive in " + notOurs + ": the directory"
                    + " is another user's or writable by others"), skipped.err());
        }
    }

    @Test
    void onJava25APassThatSucceedsMakesTheAotCacheTheNextPassUses(ElasticsearchNode node, @TempDir Path root,
            RecordingHttpServer slack) throws Exception {
        Path java25 = java25();
        assumeTrue(java25 != null, "no Temurin 25 or later in /usr/lib/jvm (LauncherCacheIT tests the launcher's AOT cache on"
                + " a stand-in JVM)");
        Installs.indexLogons(node, INDEX_25);
        slack.reset();
        Path alertas = install(root).resolve("bin/alertas");
        Path etc = root.resolve("etc/alertas");
        Path cache = root.resolve("cache");
        Map<String, String> env = new HashMap<>(Map.of("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin",
                "ALERTAS_CACHE", cache.toString()));
        assertEquals(0, exec(env, root, alertas.toString(), "init", etc.toString()).exit());
        env.put("JAVA_HOME", java25.toString());
        Installs.configure(etc, node, INDEX_25, slack.url(WEBHOOK_PATH));
        String run = "set -a; . " + etc.resolve("alertas.env") + "; set +a; exec " + alertas + " run --config " + etc;

        Result recorded = exec(env, root, "sh", "-c", run);
        assertEquals(0, recorded.exit(), recorded.err());
        assertTrue(recorded.out().startsWith("pass: ") && !recorded.out().contains("AOTConfiguration"), recorded.out());
        assertEquals("", recorded.err(), "neither the recording nor the making of the cache says anything");
        List<Path> made = archives(cache);
        assertEquals(1, made.size(), "the pass that succeeded makes the AOT cache: " + made);
        assertTrue(made.get(0).getFileName().toString().endsWith(".aot"), made.toString());

        env.put("ALERTAS_JAVA_OPTS", "-XX:AOTMode=on");
        Result cached = exec(env, root, "sh", "-c", run);
        assertEquals(0, cached.exit(), "the next pass uses the cache (-XX:AOTMode=on fails otherwise): " + cached.err());
        assertEquals(made, archives(cache));

        env.remove("ALERTAS_JAVA_OPTS");
        Files.write(made.get(0), Arrays.copyOf(Files.readAllBytes(made.get(0)), 100_000));
        Result truncated = exec(env, root, "sh", "-c", run);
        assertEquals(0, truncated.exit(), truncated.err());
        assertEquals("", truncated.err(), "the JVM skips a truncated cache without a word");
    }

    @Test
    void theSystemdUnitsVerify(@TempDir Path root) throws Exception {
        Path systemdAnalyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(systemdAnalyze), "systemd-analyze is not installed");
        Path home = install(root);
        Path units = Files.createDirectories(root.resolve("units"));
        for (String unit : List.of("alertas.service", "alertas.timer")) {
            Files.writeString(units.resolve(unit), Files.readString(home.resolve("systemd").resolve(unit))
                    .replace("/opt/alertas", home.toString()));
        }

        Result verify = exec(Map.of("PATH", "/usr/bin:/bin"), root, systemdAnalyze.toString(), "verify", "--man=no",
                units.resolve("alertas.service").toString(), units.resolve("alertas.timer").toString());

        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertFalse((verify.out() + verify.err()).contains("alertas.service:"), verify.out() + verify.err());
    }

    /** The tarball unpacked as root/opt/alertas: its home. */
    private static Path install(Path root) throws Exception {
        Path opt = Files.createDirectories(root.resolve("opt"));
        Result untar = exec(Map.of(), root, "tar", "-xzf", System.getProperty("alertas.tarball"), "-C", opt.toString());
        assertEquals(0, untar.exit(), untar.err());
        try (Stream<Path> dirs = Files.list(opt)) {
            return Files.move(dirs.findFirst().orElseThrow(), opt.resolve("alertas"));
        }
    }

    /** A Temurin JDK of release 25 or later installed in /usr/lib/jvm, or null. */
    private static Path java25() throws IOException {
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> jdk.getFileName().toString().matches("temurin-(2[5-9]|[3-9][0-9])-.*"))
                    .filter(jdk -> Files.isExecutable(jdk.resolve("bin/java"))).findFirst().orElse(null);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The command of the crontab's one job (after five time fields and the user), pointed at the temp install. */
    private static String cronCommand(Path crontab, Path home, Path etc) throws IOException {
        String job = Files.readAllLines(crontab).stream().filter(l -> l.startsWith("* * * * * ")).findFirst().orElseThrow();
        String command = job.split(" ", 7)[6];
        return command.replace("/opt/alertas", home.toString()).replace("/etc/alertas", etc.toString());
    }

    private static List<Path> archives(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }
}
