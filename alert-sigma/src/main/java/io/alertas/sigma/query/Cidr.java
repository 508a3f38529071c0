package io.alertas.sigma.query;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.Texts;
import java.util.regex.Pattern;

/** A {@code |cidr} value checked: an IPv4 or IPv6 network, which a term query on an ip field takes as it is. */
final class Cidr {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(/(3[0-2]|[12]?[0-9]))?");
    private static final Pattern IPV6 = Pattern.compile(
            "[0-9A-Fa-f:]{2,39}(/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))?");

    private Cidr() {
    }

    static String checked(String network) throws SigmaException {
        boolean v6 = IPV6.matcher(network).matches() && network.contains(":") && network.split("::", -1).length <= 2;
        if (!IPV4.matcher(network).matches() && !v6) {
            throw new SigmaException(Reason.INVALID, "cidr: " + Texts.quote(network)
                    + " is no IPv4 or IPv6 network like 10.0.0.0/8 or fe80::/10");
        }
        return network;
    }
}
