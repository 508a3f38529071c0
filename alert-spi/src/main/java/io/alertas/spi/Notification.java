package io.alertas.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One message about one alert, ready for a medium to send.
 *
 * <p>{@code findings} are the ones not throttled on this medium (empty for alerts that report none);
 * {@code suppressed} counts the firings held back by the throttle since the last delivery on this medium.
 * {@code cluster} is the cluster's URL without credentials; {@code link} opens the window in Kibana
 * Discover, or is empty when no {@code kibana_url} is configured; {@code plugin} names the plugin (or alerts file
 * kind) that defines the alert, or is empty when the engine does not know it (since SPI 1.3). A {@linkplain #resolved() resolved}
 * notification says that the findings it names stopped firing (since SPI 1.2). Nothing returned is null. The engine
 * makes notifications; a medium's tests make them with {@link #builder}.
 */
public final class Notification {

    private final String alert;
    private final Severity severity;
    private final String message;
    private final List<Finding> findings;
    private final Window window;
    private final int suppressed;
    private final String cluster;
    private final Instant firedAt;
    private final String link;
    private final boolean resolved;
    private final String title;
    private final String plugin;

    private Notification(Builder b) {
        alert = requireNonNull(b.alert, "alert is null");
        severity = requireNonNull(b.severity, "severity is null");
        message = requireNonNull(b.message, "message is null");
        findings = List.copyOf(requireNonNull(b.findings, "findings is null"));
        window = requireNonNull(b.window, "window is null");
        suppressed = b.suppressed;
        cluster = requireNonNull(b.cluster, "cluster is null");
        firedAt = requireNonNull(b.firedAt, "firedAt is null");
        link = requireNonNull(b.link, "link is null");
        resolved = b.resolved;
        title = b.title;
        plugin = requireNonNull(b.plugin, "plugin is null");
        if (suppressed < 0) {
            throw new IllegalArgumentException("suppressed is negative");
        }
    }

    /** Starts a notification of {@code alert} with {@code message}, for the events of {@code window}, fired at {@code firedAt}. */
    public static Builder builder(String alert, Severity severity, String message, Window window, Instant firedAt) {
        return new Builder(alert, severity, message, window, firedAt);
    }

    /** A builder holding this notification's parts, to make one that differs in some. */
    public Builder toBuilder() {
        return new Builder(alert, severity, message, window, firedAt).findings(findings).suppressed(suppressed)
                .cluster(cluster).link(link).resolved(resolved).title(title).plugin(plugin);
    }

    public String alert() {
        return alert;
    }

    public Severity severity() {
        return severity;
    }

    /** The text: the evaluation's summary and the keys of the findings delivered. */
    public String message() {
        return message;
    }

    public List<Finding> findings() {
        return findings;
    }

    public Window window() {
        return window;
    }

    public int suppressed() {
        return suppressed;
    }

    public String cluster() {
        return cluster;
    }

    public Instant firedAt() {
        return firedAt;
    }

    public String link() {
        return link;
    }

    /**
     * Whether this notification says that a problem ended: its findings (or the whole alert, when it has none)
     * fired before and stayed quiet since, as the alert's {@code resolve_after} asks. Since SPI 1.2.
     */
    public boolean resolved() {
        return resolved;
    }

    /** The plugin that defines the alert, such as "security"; empty when unknown. Since SPI 1.3. */
    public String plugin() {
        return plugin;
    }

    /**
     * A one-line title: the one given to the builder (an alert's template for a medium), or severity (or
     * RESOLVED), alert and how many findings.
     */
    public String title() {
        if (title != null) {
            return title;
        }
        String count = findings.isEmpty() ? "" : " (" + findings.size() + (findings.size() == 1 ? " finding)" : " findings)");
        return "[" + (resolved ? "RESOLVED" : severity.label().toUpperCase(Locale.ROOT)) + "] " + alert + count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Notification n && alert.equals(n.alert) && severity == n.severity
                && message.equals(n.message) && findings.equals(n.findings) && window.equals(n.window)
                && suppressed == n.suppressed && cluster.equals(n.cluster) && firedAt.equals(n.firedAt)
                && link.equals(n.link) && resolved == n.resolved && Objects.equals(title, n.title) && plugin.equals(n.plugin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alert, severity, message, findings, window, suppressed, cluster, firedAt, link, resolved, title, plugin);
    }

    @Override
    public String toString() {
        return title() + " " + message;
    }

    /** The parts of a notification; defaults: no findings, none suppressed, no cluster URL, no link, not resolved, no plugin. */
    public static final class Builder {
        private String alert;
        private Severity severity;
        private String message;
        private List<Finding> findings = List.of();
        private Window window;
        private int suppressed;
        private String cluster = "";
        private Instant firedAt;
        private String link = "";
        private boolean resolved;
        private String title;
        private String plugin = "";

        private Builder(String alert, Severity severity, String message, Window window, Instant firedAt) {
            this.alert = alert;
            this.severity = severity;
            this.message = message;
            this.window = window;
            this.firedAt = firedAt;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder findings(List<Finding> findings) {
            this.findings = findings;
            return this;
        }

        public Builder suppressed(int suppressed) {
            this.suppressed = suppressed;
            return this;
        }

        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder link(String link) {
            this.link = link;
            return this;
        }

        /** Marks the notification as saying that its findings stopped firing. */
        public Builder resolved(boolean resolved) {
            this.resolved = resolved;
            return this;
        }

        /** Gives the notification this title instead of the one made from its parts; null goes back to that. Since SPI 1.2. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Names the plugin that defines the alert. Since SPI 1.3. */
        public Builder plugin(String plugin) {
            this.plugin = plugin;
            return this;
        }

        /**
         * The notification.
         *
         * @throws NullPointerException when a part is null
         * @throws IllegalArgumentException when {@code suppressed} is negative
         */
        public Notification build() {
            return new Notification(this);
        }
    }
}
