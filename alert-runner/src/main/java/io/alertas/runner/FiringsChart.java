package io.alertas.runner;

import io.alertas.core.TeamOperations;
import io.alertas.core.pass.Firings;
import io.alertas.core.pass.Mask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The status page's chart of firings: per alert, one bar per hour of the last day, read from the history, as
 * inline SVG (no script, nothing fetched). With the history off, or unreadable, the page says so instead.
 * Every name and message is masked, then escaped here, as the page's template takes the chart as it is.
 */
final class FiringsChart {

    private static final int LABEL = 180;
    /** The longest name the label shows in full; a longer one is cut, whole in its tooltip. */
    private static final int LABEL_CHARS = 24;
    private static final int BAR = 12;
    private static final int ROW = 36;
    private static final int HIGHEST = 28;

    private FiringsChart() {
    }

    /**
     * The chart of the day up to {@code now} as HTML, read within {@code left} (what is left of the pass's
     * timeout), so that a cluster that hangs cannot hold the runner.
     */
    static String html(TeamOperations operations, Instant now, Mask mask, Duration left) {
        if (!operations.historyKept()) {
            return "<p id=\"firings\" class=\"history-off\">The history is off, so there is no chart of firings:"
                    + " turn it on in credentials.json's \"history\" section (docs/history.md).</p>";
        }
        CompletableFuture<Optional<Firings>> read = CompletableFuture.supplyAsync(() -> {
            try {
                return operations.firings(now);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Firings firings;
        try {
            firings = read.get(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS).orElseThrow();
        } catch (ExecutionException e) {
            return unread(Messages.firstLine(e.getCause().getCause() == null ? e.getCause() : e.getCause().getCause()), mask);
        } catch (TimeoutException e) {
            return unread("the cluster gave no answer within what was left of the pass_timeout", mask);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unread("interrupted", mask);
        }
        if (firings.perAlert().isEmpty()) {
            return "<p id=\"firings\">No alert fired in the last 24 hours.</p>";
        }
        return svg(firings, mask);
    }

    private static String unread(String why, Mask mask) {
        return "<p id=\"firings\" class=\"history-error\">The chart of firings could not be read: "
                + escape(mask.mask(why)) + "</p>";
    }

    private static String svg(Firings firings, Mask mask) {
        Map<String, List<Long>> perAlert = firings.perAlert();
        long most = perAlert.values().stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElse(1);
        int hours = perAlert.values().iterator().next().size();
        int width = LABEL + hours * BAR;
        int height = perAlert.size() * ROW + 16;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg id=\"firings\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Firings per alert, per hour, from %s\">",
                width, height, width, height, firings.from()));
        int row = 0;
        for (Map.Entry<String, List<Long>> alert : perAlert.entrySet()) {
            String name = escape(mask.mask(alert.getKey()));
            long total = alert.getValue().stream().mapToLong(Long::longValue).sum();
            int base = row * ROW + HIGHEST + 4;
            svg.append("<g class=\"alert-firings\" data-alert=\"").append(name).append("\">");
            String shown = alert.getKey().length() <= LABEL_CHARS ? alert.getKey()
                    : alert.getKey().substring(0, LABEL_CHARS - 1) + "…";
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\"><title>%s</title>%s (%d)</text>",
                    base, name, escape(mask.mask(shown)), total));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>",
                    LABEL, base, width, base));
            for (int hour = 0; hour < hours; hour++) {
                long count = alert.getValue().get(hour);
                if (count > 0) {
                    int tall = (int) Math.max(2, Math.round((double) count * HIGHEST / most));
                    Instant at = firings.from().plus(firings.bucket().multipliedBy(hour));
                    svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\""
                            + " height=\"%d\" fill=\"#c0392b\"><title>%02d:00 UTC: %d</title></rect>",
                            LABEL + hour * BAR + 1, base - tall, BAR - 2, tall, at.atZone(ZoneOffset.UTC).getHour(), count));
                }
            }
            svg.append("</g>");
            row++;
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#666\">%s</text>",
                LABEL, height - 2, escape("from " + firings.from() + ", one bar per hour (UTC)")));
        return svg.append("</svg>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
