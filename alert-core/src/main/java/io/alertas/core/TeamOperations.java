package io.alertas.core;

import static java.util.Objects.requireNonNull;

import io.alertas.core.internal.AlertMaster;
import io.alertas.core.internal.config.Configuration;

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
}
