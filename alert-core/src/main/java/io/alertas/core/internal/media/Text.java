package io.alertas.core.internal.media;

import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import java.util.List;

/** How a notification reads in plain words; shared by the media so they all say the same. */
final class Text {

    /** At most this many findings are listed in a chat message; the rest are counted. Email lists them all. */
    static final int MAX_FINDINGS = 20;

    private Text() {
    }

    static List<Finding> listed(Notification n) {
        return n.findings().subList(0, Math.min(MAX_FINDINGS, n.findings().size()));
    }

    static String more(Notification n) {
        int rest = n.findings().size() - MAX_FINDINGS;
        return rest > 0 ? "and " + rest + " more" : "";
    }

    /** Window, cluster and what the throttle held back, in one line. */
    static String context(Notification n) {
        String line = "Window " + n.window().start() + " to " + n.window().end() + " on " + n.cluster();
        if (n.suppressed() > 0) {
            line += "; fired " + n.suppressed() + (n.suppressed() == 1 ? " more time" : " more times")
                    + " while throttled";
        }
        return line;
    }

    static String linkLine(Notification n) {
        return n.link().isEmpty() ? "" : "Kibana Discover: " + n.link() + "\n";
    }

    /** The whole notification as plain text, every finding listed. */
    static String plain(Notification n) {
        StringBuilder out = new StringBuilder(n.title()).append("\n\n").append(n.message()).append('\n');
        if (!n.findings().isEmpty()) {
            out.append('\n');
            n.findings().forEach(f -> out.append("- ").append(f.key()).append(": ").append(f.text()).append('\n'));
        }
        return out.append('\n').append(context(n)).append('\n').append(linkLine(n)).toString();
    }

    /** One line: CR, LF and other control characters become spaces, so a value cannot start a new header. */
    static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}]+", " ").strip();
    }
}
