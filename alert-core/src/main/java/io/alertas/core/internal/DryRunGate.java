package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.pass.PassReport.Result;
import java.time.Instant;
import java.util.Optional;
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
    public void advance(String alert, Instant to, Optional<JsonNode> memory) {
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
    public Logger log() {
        return log;
    }
}
