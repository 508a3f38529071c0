package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.state.State;
import io.alertas.core.pass.PassReport.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The gate of a dry run: it records nothing, claims every key, tries no earlier notification again, and
 * reports each notification as its medium would get it, with the alert's templates applied, instead of
 * sending it.
 */
final class DryRunGate implements Gate {

    private final PassContext context;
    private final PassLedger ledger;
    private final Logger log;

    DryRunGate(PassContext context, PassLedger ledger, Logger log) {
        this.context = context;
        this.ledger = ledger;
        this.log = log;
    }

    @Override
    public void begin(List<Alert> selected) {
    }

    @Override
    public List<State.Pending> undelivered(Set<String> only) {
        return List.of();
    }

    @Override
    public void advance(String alert, Instant to, Optional<JsonNode> memory) {
    }

    @Override
    public Set<String> claim(String alert, String medium, List<String> keys, Duration period) {
        return Set.copyOf(keys);
    }

    @Override
    public void suppress(String alert, String medium, String key) {
    }

    @Override
    public void send(Outgoing out) {
        ledger.delivery(out.alert(), out.medium(), Result.DRY_RUN,
                context.templated(out.alert(), out.medium(), out.notification()), null);
    }

    @Override
    public void end() {
    }

    @Override
    public Logger log() {
        return log;
    }
}
