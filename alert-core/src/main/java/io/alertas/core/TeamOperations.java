package io.alertas.core;

import static java.util.Objects.requireNonNull;

import io.alertas.core.internal.Alert;
import io.alertas.core.internal.AlertMaster;
import io.alertas.core.internal.config.Configuration;
import io.alertas.core.internal.operations.OperationsViews;
import io.alertas.core.pass.FlappingKey;
import io.alertas.core.pass.GatheredDigest;
import java.io.IOException;
import java.util.List;
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
}
