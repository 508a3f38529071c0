package io.alertas.core.internal;

import io.alertas.core.internal.state.State;
import io.alertas.core.pass.ConfiguredAlert;
import io.alertas.core.pass.StoredState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine's values as the public API shows them: read-only copies in the types of {@code io.alertas.core.pass}. */
public final class PublicViews {

    private PublicViews() {
    }

    /** A snapshot of {@code state}: what status, the metrics and the status page show. */
    public static StoredState of(State state) {
        List<StoredState.PassRecord> passes = state.passes().values().stream()
                .map(p -> new StoredState.PassRecord(p.runner(), p.at(), p.took(), p.succeeded(), p.lastSuccess(),
                        p.passes(), p.failed()))
                .toList();
        Map<String, StoredState.Activity> activity = new LinkedHashMap<>();
        state.activity().forEach((alert, a) -> activity.put(alert,
                new StoredState.Activity(a.lastRun(), a.lastFired(), a.lastFailedAt(), a.lastError())));
        List<StoredState.Throttled> throttled = new ArrayList<>();
        state.throttles().forEach((alert, byMedium) -> byMedium.forEach((medium, keys) -> keys.forEach((key, t) ->
                throttled.add(new StoredState.Throttled(alert, medium, key.equals(State.wholeAlert()) ? null : key,
                        t.deliveredAt(), t.suppressed())))));
        List<StoredState.Waiting> pending = state.pending().stream()
                .map(p -> new StoredState.Waiting(p.alert(), p.medium(), p.attempts(), p.firstFailedAt(), p.lastError(),
                        p.notification().resolved()))
                .toList();
        return new StoredState(passes, activity, throttled, List.copyOf(state.silences().values()), pending);
    }

    public static ConfiguredAlert of(Alert a) {
        return new ConfiguredAlert(a.name(), a.plugin(), a.jar(), a.description(), a.severity(), a.index(), a.active(),
                a.throttlePeriod(), a.media(), a.method(), a.path(), a.query().origin(), a.declaredParams(), a.params());
    }
}
