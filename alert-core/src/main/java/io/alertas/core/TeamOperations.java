package io.alertas.core;

import static java.util.Objects.requireNonNull;

import io.alertas.core.internal.AlertMaster;
import io.alertas.core.internal.config.Configuration;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.core.internal.history.HistoryReader;
import io.alertas.core.pass.Firings;
import io.alertas.core.pass.HistoryEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a team operates the alerts of one configuration, for {@code status}, the status page and embedders: the
 * maintenance windows in force and the next ones, each alert's next scheduled run, the digests being
 * gathered, the keys marked flapping, and the history kept in the cluster. Each method reads the stored state
 * (or the cluster) when called; what it returns is a snapshot in the types of {@code io.alertas.core.pass}.
 */
public final class TeamOperations {

    private final Configuration config;
    private final AlertMaster master;

    TeamOperations(Configuration config, AlertMaster master) {
        this.config = requireNonNull(config, "config is null");
        this.master = requireNonNull(master, "master is null");
    }

    /** Whether passes write their history to the cluster (credentials.json's "history" section). */
    public boolean historyKept() {
        return config.history().enabled();
    }

    /**
     * Alert {@code alert}'s history from {@code since} on, newest first, at most {@code limit} documents (and
     * never more than 1000); empty when the history is not kept.
     *
     * @throws IOException when the cluster does not answer; its message is masked
     */
    public List<HistoryEntry> history(String alert, Instant since, int limit) throws IOException {
        requireNonNull(alert, "alert is null");
        requireNonNull(since, "since is null");
        if (!historyKept()) {
            return List.of();
        }
        try {
            return new HistoryReader(config.cluster(), config.history()).entries(alert, since, limit);
        } catch (ElasticsearchException e) {
            throw new IOException(config.secrets().mask(e.getMessage()));
        }
    }

    /**
     * How often each alert fired in each hour of the day up to {@code now}, read from the history; empty when
     * the history is not kept.
     *
     * @throws IOException when the cluster does not answer; its message is masked
     */
    public Optional<Firings> firings(Instant now) throws IOException {
        requireNonNull(now, "now is null");
        if (!historyKept()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HistoryReader(config.cluster(), config.history()).firings(now));
        } catch (ElasticsearchException e) {
            throw new IOException(config.secrets().mask(e.getMessage()));
        }
    }
}
