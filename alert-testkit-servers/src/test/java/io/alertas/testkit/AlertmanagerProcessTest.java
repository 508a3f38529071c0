package io.alertas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Where Alertmanager is missing, its tests fail saying what to install, or are skipped when asked to be. */
class AlertmanagerProcessTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(AlertmanagerProcess.SKIP_PROPERTY);
    }

    @Test
    void aMissingBinaryFailsSayingToInstallIt() {
        Path missing = dir.resolve("prometheus-alertmanager");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AlertmanagerProcess.start(missing, dir));
        assertEquals(missing + " is missing: install Debian's prometheus-alertmanager (apt-get install prometheus-alertmanager),"
                + " or run with -Dalertas.alertmanager=skip to skip these tests", e.getMessage());
    }

    @Test
    void aMissingBinarySkipsTheTestWhenAskedTo() {
        System.setProperty(AlertmanagerProcess.SKIP_PROPERTY, "skip");
        Path missing = dir.resolve("prometheus-alertmanager");
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> AlertmanagerProcess.start(missing, dir));
        assertEquals("Assumption failed: " + missing + " is missing; skipped as -Dalertas.alertmanager=skip asks", e.getMessage());
    }
}
