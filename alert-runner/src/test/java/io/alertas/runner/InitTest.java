package io.alertas.runner;

import static io.alertas.runner.TestingConfig.runMain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.runner.TestingConfig.Result;
import io.alertas.spi.AlertModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init DIR}: a commented config dir that loads as it is, every built-in alert listed and switched off. */
class InitTest {

    @Test
    void writesACommentedConfigDirThatValidatesWithEveryBuiltInAlertSwitchedOff(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("etc/alertas");

        Result init = runMain(Map.of(), "init", dir.toString());

        assertEquals(0, init.exit(), init.err());
        assertTrue(init.out().contains("alertas validate --connect --config " + dir), init.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("credentials.json"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("alertas.env"))));
        assertTrue(Files.isDirectory(dir.resolve("plugins")) && Files.isDirectory(dir.resolve("alerts.d")));
        String alerts = Files.readString(dir.resolve("alerts.json"));
        long builtIn = ServiceLoader.load(AlertModule.class).stream().mapToLong(m -> m.get().alerts().size()).sum();
        assertEquals(builtIn, alerts.lines().filter(l -> l.endsWith("{ \"active\": false },") || l.endsWith("{ \"active\": false }")).count(),
                alerts);
        assertTrue(alerts.contains(", plugin security, reads winlogbeat-*,logs-system.security-*"), alerts);
        try (Stream<Path> left = Files.list(tmp.resolve("etc"))) {
            assertEquals(1, left.count(), "no draft left beside the config dir");
        }

        Result validate = runMain(Map.of("ES_PASSWORD", "p", "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/x"),
                "validate", "--config", dir.toString());
        assertEquals(0, validate.exit(), validate.err());
        assertTrue(validate.out().startsWith("OK: " + builtIn + " alerts (0 active)"), validate.out());
        assertEquals("", validate.err());
    }

    @Test
    void aDirectoryThatHoldsAnythingIsLeftAlone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("alerts.json"), "{\"mine\": true}");

        Result init = runMain(Map.of(), "init", dir.toString());

        assertEquals(2, init.exit());
        assertTrue(init.err().contains(dir + " already exists and is not empty; init writes a new config dir only"), init.err());
        assertEquals("{\"mine\": true}", Files.readString(dir.resolve("alerts.json")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aLinkToAnEmptyDirectoryStaysALinkAndTheConfigIsWrittenWhereItPoints(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectory(tmp.resolve("srv-alertas"));
        Path link = Files.createSymbolicLink(tmp.resolve("alertas"), real);
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));

        Result init = runMain(Map.of(), "init", link.toString());

        assertEquals(0, init.exit(), init.err());
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertEquals(real, Files.readSymbolicLink(link));
        assertTrue(Files.isRegularFile(real.resolve("credentials.json")));

        Result toNothing = runMain(Map.of(), "init", dangling.toString());

        assertEquals(2, toNothing.exit());
        assertTrue(toNothing.err().contains(dangling + " is a link to " + tmp.resolve("nowhere") + ", which does not exist;"
                + " make that an empty directory, or give init another DIR"), toNothing.err());
        assertTrue(Files.isSymbolicLink(dangling));
        assertFalse(Files.exists(tmp.resolve("nowhere")));
    }

    @Test
    void initTakesADirectoryAndNoConfigOption(@TempDir Path dir) {
        Result result = runMain(Map.of(), "init", "--config", dir.toString());

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("init needs the directory to write, and no --config: init DIR"), result.err());
        assertFalse(Files.exists(dir.resolve("credentials.json")));
    }
}
