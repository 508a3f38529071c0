package io.alertas.runner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Binds SLF4J to Logback with a context that logs nothing until {@link Logging} knows the config dir. It takes the
 * place of Logback's own provider, whose start looks for configurators and a logback.xml, checks its versions and
 * records status messages that no one reads; a cold JVM spent 25 to 35 ms on that here (the class-data archive cannot
 * keep the method-handle classes its string concatenations spin), and a pass configures its log in code anyway.
 */
public final class LogbackProvider implements SLF4JServiceProvider {

    private LoggerContext context;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public void initialize() {
        context = new LoggerContext();
        context.setName("default");
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
        LogbackMDCAdapter adapter = new LogbackMDCAdapter();
        context.setMDCAdapter(adapter);
        context.start();
        markers = new BasicMarkerFactory();
        mdc = adapter;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
