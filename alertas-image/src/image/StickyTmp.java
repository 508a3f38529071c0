import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * java StickyTmp.java IMAGE.tar: sets the sticky bit on /tmp in the OCI archive that Jib wrote (mode 1777, as /tmp
 * is anywhere: only a file's owner may remove or rename it). Jib cannot: its permissions take three octal digits,
 * and it does not read a mode's higher bits from the file. The layer that holds tmp/ gets the bit in that entry's
 * tar header; then the digests that name the layer (the manifest's, the config's diff_id), the config's and the
 * manifest's are written anew, and the archive is written again with the same entries in the same order.
 */
public final class StickyTmp {

    private static final int BLOCK = 512;

    private record Entry(byte[] header, byte[] data) {
    }

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]);
        List<Entry> entries = read(Files.readAllBytes(archive));
        boolean patched = false;
        for (Entry layer : List.copyOf(entries)) {
            String name = name(layer.header());
            if (!name.startsWith("blobs/sha256/") || layer.data().length < 2 || layer.data()[0] != 0x1f) {
                continue;
            }
            byte[] tar = new GZIPInputStream(new ByteArrayInputStream(layer.data())).readAllBytes();
            String diffId = sha256(tar);
            if (!stickyTmp(tar)) {
                continue;
            }
            ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
                out.write(tar);
            }
            replace(entries, layer, gzipped.toByteArray());
            // the config's diff_id names the uncompressed layer; the manifest names the compressed one
            rename(entries, diffId, sha256(tar), tar.length);
            patched = true;
        }
        if (!patched) {
            throw new IOException(archive + " has no layer with a tmp/ directory");
        }
        Path written = archive.resolveSibling(archive.getFileName() + ".sticky-tmp");
        Files.write(written, write(entries));
        Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Sets the sticky bit of the entry tmp/ in an uncompressed layer; whether there was one. */
    private static boolean stickyTmp(byte[] tar) {
        for (int at = 0; at + BLOCK <= tar.length; ) {
            byte[] header = Arrays.copyOfRange(tar, at, at + BLOCK);
            String name = name(header);
            if (name.isEmpty()) {
                return false;
            }
            if (name.equals("tmp/") || name.equals("./tmp/")) {
                long mode = octal(header, 100, 8) | 01000;
                field(header, 100, 8, mode);
                checksum(header);
                System.arraycopy(header, 0, tar, at, BLOCK);
                return true;
            }
            at += BLOCK + (int) ((octal(header, 124, 12) + BLOCK - 1) / BLOCK * BLOCK);
        }
        return false;
    }

    /** Puts {@code data} in place of {@code entry}'s, under the name of its digest. */
    private static void replace(List<Entry> entries, Entry entry, byte[] data) throws NoSuchAlgorithmException {
        String oldDigest = name(entry.header()).substring("blobs/sha256/".length());
        entries.set(entries.indexOf(entry), withData(entry.header(), "blobs/sha256/" + sha256(data), data));
        rename(entries, oldDigest, sha256(data), data.length);
    }

    /**
     * Replaces the digest {@code from} by {@code to} (with its size) in every JSON blob and index.json, and renames
     * each blob whose content changed by it, recursively up to index.json.
     */
    private static void rename(List<Entry> entries, String from, String to, long size) throws NoSuchAlgorithmException {
        Pattern sized = Pattern.compile("\"digest\":\"sha256:" + to + "\",\"size\":\\d+");
        for (Entry entry : List.copyOf(entries)) {
            String name = name(entry.header());
            if (!name.equals("index.json") && !(name.startsWith("blobs/sha256/") && entry.data().length > 0 && entry.data()[0] == '{')) {
                continue;
            }
            String json = new String(entry.data(), StandardCharsets.UTF_8);
            if (!json.contains("sha256:" + from)) {
                continue;
            }
            json = json.replace("sha256:" + from, "sha256:" + to);
            json = sized.matcher(json).replaceAll(Matcher.quoteReplacement("\"digest\":\"sha256:" + to + "\",\"size\":" + size));
            byte[] data = json.getBytes(StandardCharsets.UTF_8);
            if (name.equals("index.json")) {
                entries.set(entries.indexOf(entry), withData(entry.header(), name, data));
            } else {
                replace(entries, entry, data);
            }
        }
    }

    private static Entry withData(byte[] original, String name, byte[] data) {
        byte[] header = original.clone();
        Arrays.fill(header, 0, 100, (byte) 0);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, 0, bytes.length);
        field(header, 124, 12, data.length);
        checksum(header);
        return new Entry(header, data);
    }

    private static List<Entry> read(byte[] tar) {
        List<Entry> entries = new ArrayList<>();
        for (int at = 0; at + BLOCK <= tar.length; ) {
            byte[] header = Arrays.copyOfRange(tar, at, at + BLOCK);
            if (name(header).isEmpty()) {
                break;
            }
            int size = (int) octal(header, 124, 12);
            entries.add(new Entry(header, Arrays.copyOfRange(tar, at + BLOCK, at + BLOCK + size)));
            at += BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK;
        }
        return entries;
    }

    private static byte[] write(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry entry : entries) {
            out.writeBytes(entry.header());
            out.writeBytes(entry.data());
            out.writeBytes(new byte[(BLOCK - entry.data().length % BLOCK) % BLOCK]);
        }
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    private static String name(byte[] header) {
        int end = 0;
        while (end < 100 && header[end] != 0) {
            end++;
        }
        return new String(header, 0, end, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String digits = new String(header, offset, length, StandardCharsets.US_ASCII).replaceAll("[\\x00 ]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    /** An octal number of length-1 digits and a NUL, as tar writes one. */
    private static void field(byte[] header, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
        header[offset + length - 1] = 0;
    }

    /** The header's checksum: the sum of its bytes, the checksum's own eight counted as spaces. */
    private static void checksum(byte[] header) {
        Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        String digits = String.format("%06o", sum);
        System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, header, 148, 6);
        header[154] = 0;
        header[155] = ' ';
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
