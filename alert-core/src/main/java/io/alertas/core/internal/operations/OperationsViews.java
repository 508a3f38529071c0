package io.alertas.core.internal.operations;

import io.alertas.core.internal.state.Kept;
import io.alertas.core.internal.state.State;
import io.alertas.core.pass.FlappingKey;
import io.alertas.core.pass.GatheredDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The public views of what digests and flapping keep in the state, for {@code TeamOperations}. */
public final class OperationsViews {

    private OperationsViews() {
    }

    /** Every digest being gathered in {@code kept}, by alert, then medium; one that cannot be read is left out. */
    public static List<GatheredDigest> digests(Kept kept) {
        List<GatheredDigest> digests = new ArrayList<>();
        kept.of(Gathering.PART).forEach((alert, media) -> media.fields().forEachRemaining(m -> Gathering.read(m.getValue())
                .ifPresent(g -> digests.add(new GatheredDigest(alert, m.getKey(), g.start(), g.end(), g.keys().size(), g.firings())))));
        return digests;
    }

    /** Every key flapping in {@code kept}, of the alerts whose rules {@code rules} holds (by alert name). */
    public static List<FlappingKey> flapping(Kept kept, Map<String, Flapping> rules) {
        List<FlappingKey> keys = new ArrayList<>();
        kept.of(Flaps.PART).forEach((alert, json) -> {
            Flapping rule = rules.getOrDefault(alert, Flapping.NONE);
            if (!rule.watched()) {
                return;
            }
            Flaps flaps = Flaps.read(rule, json);
            flaps.keys().forEach((key, k) -> {
                if (k.since() != null) {
                    keys.add(new FlappingKey(alert, key.equals(State.wholeAlert()) ? null : key, k.since(), flaps.changes(key), rule.windows()));
                }
            });
        });
        return keys;
    }
}
