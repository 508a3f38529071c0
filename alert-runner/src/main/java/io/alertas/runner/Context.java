package io.alertas.runner;

import io.alertas.core.Alertas;
import io.alertas.core.pass.ConfiguredAlert;
import io.alertas.core.pass.Shard;
import io.alertas.core.pass.StoredState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * What is loaded once for every command on a config dir.
 *
 * @param dir the config dir
 * @param alertas the engine, built from it (through {@link Alertas.Builder}, the one wiring)
 * @param shard the shard the command works on: its --shard, or for run the environment's ({@link ShardSetting})
 * @param plugins the plugins discovered, with their problems
 * @param console stdout and stderr, masking the config's secrets
 * @param log the log in the config dir
 * @param clock the clock every time decision reads
 * @param timings where the runner spends its own time, before the engine's
 * @param entered when main was entered, in ms since the epoch; 0 when the runner runs inside another program (tests)
 */
record Context(Path dir, Alertas alertas, Shard shard, Plugins plugins, Console console, Logger log, Clock clock,
        RunTimings timings, long entered) {

    /** The alerts of the shard. */
    List<ConfiguredAlert> inShard() {
        return alertas.alerts().stream().filter(a -> shard.contains(a.name())).toList();
    }

    /** Whether no alert is named {@code name}; if so, says so on stderr with the names there are. */
    boolean unknown(String name) {
        if (alertas.alerts().stream().anyMatch(a -> a.name().equals(name))) {
            return false;
        }
        console.error("no alert is named \"" + name + "\"; known alerts: " + names());
        return true;
    }

    /** The names of the alerts, sorted, for a message that lists them. */
    String names() {
        return String.join(", ", new TreeSet<>(alertas.alerts().stream().map(ConfiguredAlert::name).toList()));
    }

    /** The stored state, or empty after saying on stderr why it cannot be read. */
    Optional<StoredState> stored() {
        try {
            return Optional.of(alertas.state());
        } catch (IOException e) {
            console.error("the state cannot be read: " + Messages.firstLine(e));
            return Optional.empty();
        }
    }
}
