package io.alertas.runner;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** The log's {@code %msg}, on one line: control characters from event fields are escaped, never written. */
public final class EscapedMessage extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Printable.line(super.convert(event));
    }
}
