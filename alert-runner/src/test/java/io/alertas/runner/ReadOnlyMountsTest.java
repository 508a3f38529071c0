package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ConfigMap's folder is a read-only bind mount of a folder on a writable disk: the mount's own options count. */
class ReadOnlyMountsTest {

    private static final List<String> MOUNTS = List.of(
            "23 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "88 23 8:1 /var/lib/kubelet/pods/p/volumes/kubernetes.io~configmap/config /etc/alertas ro,relatime - ext4 /dev/sda1 rw",
            "89 23 0:52 / /etc/alertas\\040old rw,relatime - tmpfs tmpfs rw");

    @Test
    void thePathsOfAReadOnlyBindMountAreReadOnlyAndTheirNeighboursAreNot() {
        assertTrue(ReadOnlyMounts.readOnly(Path.of("/etc/alertas"), MOUNTS));
        assertTrue(ReadOnlyMounts.readOnly(Path.of("/etc/alertas/..2026_12_08/credentials.json"), MOUNTS));
        assertFalse(ReadOnlyMounts.readOnly(Path.of("/etc/alertas old/credentials.json"), MOUNTS), "a mount point with a space");
        assertFalse(ReadOnlyMounts.readOnly(Path.of("/etc/alertas2"), MOUNTS), "a neighbour whose name starts the same");
        assertFalse(ReadOnlyMounts.readOnly(Path.of("/etc"), MOUNTS));
    }
}
