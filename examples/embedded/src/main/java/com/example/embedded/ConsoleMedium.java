package com.example.embedded;

import io.alertas.spi.DeliveryException;
import io.alertas.spi.Finding;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import java.io.PrintStream;

/** A medium of the program's own: each notification as lines on a console, one per finding. */
final class ConsoleMedium implements Medium {

    private final PrintStream console;

    ConsoleMedium(PrintStream console) {
        this.console = console;
    }

    @Override
    public void deliver(Notification notification) throws DeliveryException {
        if (console.checkError()) {
            throw new DeliveryException("the console cannot be written", true);
        }
        console.println(notification.title() + " " + notification.message());
        for (Finding finding : notification.findings()) {
            console.println("  " + finding.key() + ": " + finding.text());
        }
    }
}
