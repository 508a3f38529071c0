package io.alertas.runner;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.alertas.core.pass.Mask;

/**
 * The log's layout behind the configuration's mask: each event, its message and its stack trace, from the
 * runner, the engine or a plugin, is written with every secret masked. It masks nothing until the
 * configuration is read, which says its secrets.
 */
final class MaskedLayout extends PatternLayout {

    private volatile Mask mask = Mask.NONE;

    void mask(Mask mask) {
        this.mask = mask;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return mask.mask(super.doLayout(event));
    }
}
