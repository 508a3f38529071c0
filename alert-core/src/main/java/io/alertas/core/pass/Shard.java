package io.alertas.core.pass;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One of {@code count} parts of the alerts, so that several runners share thousands of them: an alert
 * belongs to shard {@code index} (1 to count) by a stable hash of its name, the same on every host and JVM.
 */
public record Shard(int index, int count) {

    /** Every alert. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, such as 1/3");
        }
    }

    /**
     * Reads {@code "I/N"}.
     *
     * @throws IllegalArgumentException saying the expected form
     */
    public static Shard parse(String text) {
        String[] parts = text.split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, such as 1/3");
    }

    /** Whether the alert named {@code alert} is in this shard. */
    public boolean contains(String alert) {
        CRC32 crc = new CRC32();
        crc.update(alert.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % count + 1 == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
