package io.alertas.core;

import static java.util.Objects.requireNonNull;

import io.alertas.core.internal.Alert;
import io.alertas.core.internal.AlertMaster;
import io.alertas.core.internal.PublicViews;
import io.alertas.core.internal.config.Configuration;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.core.internal.history.HistoryReader;
import io.alertas.core.internal.operations.MaintenanceWindow;
import io.alertas.core.internal.operations.OperationsViews;
import io.alertas.core.internal.operations.Schedule;
import io.alertas.core.pass.Firings;
import io.alertas.core.pass.FlappingKey;
import io.alertas.core.pass.GatheredDigest;
import io.alertas.core.pass.HistoryEntry;
import io.alertas.core.pass.MaintenanceStatus;
import io.alertas.core.pass.ScheduledRun;
import io.alertas.core.pass.StoredState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

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

    /**
     * The maintenance windows that mute some alert on some medium, by name, as of {@code now}: whether each is
     * in force and until when, and its next stretch in force. Reads the configuration only, not the state.
     */
    public List<MaintenanceStatus> maintenance(Instant now) {
        Map<String, MaintenanceWindow> windows = new TreeMap<>();
        Map<String, List<String>> mutes = new TreeMap<>();
        for (Alert alert : config.alerts()) {
            alert.operations().maintenance().forEach((medium, list) -> list.forEach(w -> {
                windows.put(w.name(), w);
                mutes.computeIfAbsent(w.name(), n -> new ArrayList<>()).add(alert.name() + " on " + medium);
            }));
        }
        List<MaintenanceStatus> status = new ArrayList<>();
        windows.forEach((name, w) -> {
            boolean inForce = w.inForce(now);
            Optional<Instant> until = inForce ? w.nextEnd(now) : Optional.empty();
            Optional<Instant> nextStart = inForce ? until.flatMap(w::nextStart) : w.nextStart(now);
            status.add(new MaintenanceStatus(name, w.zone(), inForce, until, nextStart, nextStart.flatMap(w::nextEnd),
                    mutes.get(name)));
        });
        return status;
    }

    /**
     * The digests being gathered: per alert and medium, the period's end, the keys kept and the firings.
     *
     * @throws IOException when the state cannot be read
     */
    public List<GatheredDigest> digests() throws IOException {
        return OperationsViews.digests(master.stored().kept());
    }

    /**
     * The keys marked flapping, of the alerts configured to watch flapping: since when, and their changes.
     *
     * @throws IOException when the state cannot be read
     */
    public List<FlappingKey> flapping() throws IOException {
        return OperationsViews.flapping(master.stored().kept(),
                config.alerts().stream().collect(Collectors.toMap(Alert::name, a -> a.operations().flapping(), (a, b) -> a)));
    }

    /**
     * The schedule of each alert that has one ({@code "every"}), active or not, by name in the order of the
     * configuration, as said to users ({@code "every 5m"}); read from the configuration alone.
     */
    public Map<String, String> schedules() {
        Map<String, String> schedules = new LinkedHashMap<>();
        config.alerts().stream().filter(a -> !a.operations().schedule().everyPass())
                .forEach(a -> schedules.put(a.name(), a.operations().schedule().toString()));
        return schedules;
    }

    /**
     * When each active scheduled alert runs next, as of {@code now}, from its last run in the stored state (read
     * without waiting for a running pass).
     *
     * @throws IOException when the state cannot be read
     */
    public List<ScheduledRun> nextRuns(Instant now) throws IOException {
        return nextRuns(PublicViews.of(master.stored()), now);
    }

    /** When each active scheduled alert runs next, as of {@code now}, from its last run in {@code state}. */
    public List<ScheduledRun> nextRuns(StoredState state, Instant now) {
        List<ScheduledRun> runs = new ArrayList<>();
        for (Alert alert : config.alerts()) {
            Schedule schedule = alert.operations().schedule();
            if (alert.active() && !schedule.everyPass()) {
                StoredState.Activity last = state.activity().get(alert.name());
                Optional<Instant> lastRun = Optional.ofNullable(last == null || last.failing() ? null : last.lastRun());
                Instant next = lastRun.filter(run -> !run.isAfter(now)).map(schedule::next).orElse(now);
                runs.add(new ScheduledRun(alert.name(), schedule.toString(), lastRun, next));
            }
        }
        return runs;
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
