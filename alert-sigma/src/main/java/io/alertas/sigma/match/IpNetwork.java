package io.alertas.sigma.match;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A term query's value that is a network ({@code 10.0.0.0/8}, {@code fe80::/10}), as the converter writes
 * {@code |cidr} for an ip field: Elasticsearch finds the addresses inside it. Only literal addresses are read (no
 * name is ever looked up).
 */
final class IpNetwork {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final byte[] network;
    private final int bits;

    private IpNetwork(byte[] network, int bits) {
        this.network = network;
        this.bits = bits;
    }

    /** {@code text} as a network, or null when it is not one. */
    static IpNetwork parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || !text.substring(slash + 1).matches("[0-9]{1,3}")) {
            return null;
        }
        byte[] address = address(text.substring(0, slash));
        int bits = Integer.parseInt(text.substring(slash + 1));
        return address == null || bits > address.length * 8 ? null : new IpNetwork(address, bits);
    }

    boolean contains(String value) {
        byte[] address = address(value);
        if (address == null || address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] address(String text) {
        if (!LITERAL.matcher(text).matches() || (text.indexOf(':') < 0 && !text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}"))) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();
            return bytes.length == 16 && isMappedV4(bytes) ? java.util.Arrays.copyOfRange(bytes, 12, 16) : bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isMappedV4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }
}
