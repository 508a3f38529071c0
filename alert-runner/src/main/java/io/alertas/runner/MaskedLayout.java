package io.alertas.runner;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.alertas.core.internal.secrets.Secrets;

/**
 * The log's layout behind the configuration's mask: each event, its message and its stack trace, from the
 * runner, the engine or a plugin, is written with every secret masked. It masks nothing until the
 * configuration is read, which says its secrets.
 */
final class MaskedLayout extends PatternLayout {

    private volatile Secrets secrets = Secrets.NONE;

    void mask(Secrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return secrets.mask(super.doLayout(event));
    }
}
