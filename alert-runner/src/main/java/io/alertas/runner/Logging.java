package io.alertas.runner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import io.alertas.core.pass.Mask;
import io.alertas.core.pass.PassReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Sends the log to {@code alerts.log} in the config dir, rolled daily and at 10 MB, 30 days kept; or, when the
 * environment says {@code ALERTAS_LOG=stderr}, to stderr, where a container's log collects it (a config dir
 * mounted read-only, such as a Kubernetes ConfigMap, has no room for it). A message is one line whatever it holds;
 * in the file a stack trace follows on lines of its own. On stderr, where the console says each problem already,
 * the log leaves out what is marked {@link #SAID} and every stack trace, so that each problem is one line there.
 * Every line passes the configuration's mask once it is read ({@link #mask}).
 */
final class Logging {

    static final String FILE = "alerts.log";
    /** The variable that sends the log to stderr when it is {@code stderr}. */
    static final String TARGET = "ALERTAS_LOG";
    private static final String APPENDER = "log";
    private static final String ON_STDERR = "the log on stderr";
    /** Marks an event the runner also says on stderr itself: the log on stderr leaves it out. */
    static final Marker SAID = MarkerFactory.getMarker("SAID_ON_STDERR");
    private static final String LINE = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{0} - %escapedMessage";

    /** Where the log goes, for a message that points at it. */
    private static String place = FILE;

    private Logging() {
    }

    /** Where the log of this run is: the file in the config dir, or stderr. */
    static String place() {
        return place;
    }

    /** Where a stack trace the runner logs can be read, such as " (the stack trace is in ...)"; empty on stderr. */
    static String stackTraceNote() {
        return place.equals(ON_STDERR) ? "" : " (the stack trace is in " + place + ")";
    }

    /**
     * Sends the log to the config dir (or stderr); the appender that writes it starts on a thread of its own
     * ({@link StartingAppender}), and {@link #awaitStarted} waits until it has written what was logged meanwhile.
     */
    static void toConfigDir(Path dir, Function<String, String> environment) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, Map.of("escapedMessage", EscapedMessage.class.getName()));

        boolean stderr = "stderr".equals(environment.apply(TARGET));
        MaskedLayout layout = new MaskedLayout();
        layout.setContext(context);
        layout.setPattern(LINE + (stderr ? "%nopex%n" : "%n"));
        place = stderr ? ON_STDERR : dir.resolve(FILE).toString();
        StartingAppender appender = new StartingAppender(layout, () -> started(dir, stderr, context, layout));
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
    }

    /** The appender that writes the log, started: to the file in {@code dir}, or to stderr. */
    private static OutputStreamAppender<ILoggingEvent> started(Path dir, boolean stderr, LoggerContext context,
            MaskedLayout layout) {
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        OutputStreamAppender<ILoggingEvent> appender = stderr ? new ConsoleAppender<>() : file(dir, context);
        if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
            console.setTarget("System.err");
            console.addFilter(notSaid());
        }
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    /** Waits until the log's appender has started and written every event logged so far. */
    static void awaitStarted() {
        if (root().getAppender(APPENDER) instanceof StartingAppender appender) {
            appender.awaitStarted();
        }
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Leaves out the events marked {@link #SAID}, and the engine's that the pass report holds, which run prints. */
    private static Filter<ILoggingEvent> notSaid() {
        Filter<ILoggingEvent> filter = new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                List<Marker> markers = event.getMarkerList();
                return markers != null && (markers.contains(SAID) || markers.contains(PassReport.LOGGED_AND_REPORTED))
                        ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        };
        filter.start();
        return filter;
    }

    private static RollingFileAppender<ILoggingEvent> file(Path dir, LoggerContext context) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setFile(dir.resolve(FILE).toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(dir.resolve("alerts.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(30);
        policy.setTotalSizeCap(FileSize.valueOf("1GB"));
        policy.start();
        appender.setRollingPolicy(policy);
        return appender;
    }

    /** Masks the secrets of the configuration just read in every line the log writes from now on. */
    static void mask(Mask mask) {
        if (root().getAppender(APPENDER) instanceof StartingAppender appender) {
            appender.layout().mask(mask);
        }
    }
}
