package io.alertas.runner;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The log's appender while the real one (the rolling file, or stderr) starts on a thread of its own: starting
 * Logback's pattern layout and rolling policy takes a cold JVM about 0.1 s, which a pass spends on its plugins,
 * config and first queries instead, and a pass logs its first line after its queries. An event logged before the
 * real appender has started waits, in order, and is written as soon as it has; {@link #awaitStarted} waits for
 * that, as the runner does before a command returns, so no line is lost.
 */
final class StartingAppender extends AppenderBase<ILoggingEvent> {

    private final MaskedLayout layout;
    private final Thread starting;
    private final List<ILoggingEvent> waiting = new ArrayList<>();
    /** Whether the real appender's start is over; guarded by this, as {@link #append} is. */
    private boolean over;
    /** The real appender, null until it started, or if its start failed. */
    private OutputStreamAppender<ILoggingEvent> real;

    /** {@code real} starts the real appender, which writes with {@code layout}. */
    StartingAppender(MaskedLayout layout, Supplier<OutputStreamAppender<ILoggingEvent>> real) {
        this.layout = layout;
        starting = new Thread(() -> {
            OutputStreamAppender<ILoggingEvent> started = null;
            try {
                started = real.get();
            } finally {
                startOver(started);
            }
        }, "log-start");
        starting.setDaemon(true);
    }

    @Override
    public void start() {
        super.start();
        starting.start();
    }

    private synchronized void startOver(OutputStreamAppender<ILoggingEvent> started) {
        real = started;
        over = true;
        if (real != null) {
            waiting.forEach(real::doAppend);
        }
        waiting.clear();
    }

    /** Called by {@link AppenderBase#doAppend}, which holds this appender's lock. */
    @Override
    protected void append(ILoggingEvent event) {
        if (!over) {
            event.prepareForDeferredProcessing();   // its thread's name and its message, as they are now
            waiting.add(event);
        } else if (real != null) {
            real.doAppend(event);
        }
    }

    /** The layout the real appender writes with, which masks the config's secrets once they are known. */
    MaskedLayout layout() {
        return layout;
    }

    /** Waits until the real appender has started and written the events that waited for it. */
    void awaitStarted() {
        boolean interrupted = false;
        while (starting.isAlive()) {
            try {
                starting.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        awaitStarted();
        synchronized (this) {
            if (real != null) {
                real.stop();
            }
        }
        super.stop();
    }
}
