package io.alertas.core.internal.state;

import static java.util.Objects.requireNonNull;

import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import java.nio.file.Path;
import java.time.Clock;

/** Where the throttle, checkpoints and undelivered notifications are kept, as credentials.json's "state" says. */
public sealed interface StateSetting {

    /** The store this setting names, for a config dir {@code dir} and its cluster. */
    StateStore open(ElasticsearchClient cluster, Path dir, Clock clock);

    /** {@code throttle_period.json} in a folder, locked against an overlapping pass: the default. */
    record Folder() implements StateSetting {
        @Override
        public StateStore open(ElasticsearchClient cluster, Path dir, Clock clock) {
            return new FileStateStore(dir, clock);
        }
    }

    /** An index of the cluster, shared by runners on several hosts. */
    record Index(String name) implements StateSetting {
        public Index {
            requireNonNull(name, "name is null");
        }

        @Override
        public StateStore open(ElasticsearchClient cluster, Path dir, Clock clock) {
            return new ElasticsearchStateStore(cluster, name, clock);
        }
    }
}
