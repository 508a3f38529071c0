package io.alertas.runner;

import io.alertas.core.internal.Alert;
import io.alertas.core.internal.AlertMaster;
import io.alertas.core.internal.Shard;
import io.alertas.core.internal.Timings;
import io.alertas.core.internal.config.Configuration;
import io.alertas.core.internal.state.State;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * What is loaded once for every command on a config dir, and the one place that wires the engine from it.
 *
 * @param dir the config dir
 * @param config the configuration read from it
 * @param plugins the plugins discovered, with their problems
 * @param console stdout and stderr, masking the config's secrets
 * @param log the log in the config dir
 * @param clock the clock every time decision reads
 * @param timings where the run spends its time
 * @param entered when main was entered, in ms since the epoch; 0 when the runner runs inside another program (tests)
 */
record Context(Path dir, Configuration config, Plugins plugins, Console console, Logger log, Clock clock,
        Timings timings, long entered) {

    /** The engine for {@code alerts} of this config. */
    AlertMaster master(List<Alert> alerts) {
        return AlertMaster.builder()
                .cluster(config.cluster())
                .passTimeout(config.passTimeout())
                .alerts(alerts)
                .media(config.media())
                .kibana(config.kibana())
                .store(config.state().open(config.cluster(), dir, clock)).secrets(config.secrets())
                .clock(clock)
                .timings(timings)
                .build();
    }

    /** The engine for every alert of this config. */
    AlertMaster master() {
        return master(config.alerts());
    }

    /** The alerts of {@code shard}. */
    List<Alert> inShard(Shard shard) {
        return config.alerts().stream().filter(a -> shard.contains(a.name())).toList();
    }

    /** Whether no alert is named {@code name}; if so, says so on stderr with the names there are. */
    boolean unknown(String name) {
        if (config.alerts().stream().anyMatch(a -> a.name().equals(name))) {
            return false;
        }
        console.complain("alert-runner: no alert is named \"" + name + "\"; known alerts: " + names());
        return true;
    }

    /** The names of the alerts, sorted, for a message that lists them. */
    String names() {
        return String.join(", ", new TreeSet<>(config.alerts().stream().map(Alert::name).toList()));
    }

    /** The stored state, or empty after saying on stderr why it cannot be read. */
    Optional<State> stored() {
        try {
            return Optional.of(master().state());
        } catch (IOException e) {
            console.complain("alert-runner: the state cannot be read: " + Messages.firstLine(e));
            return Optional.empty();
        }
    }
}
