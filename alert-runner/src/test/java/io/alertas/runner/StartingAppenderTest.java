package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.pass.Mask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's appender while the file's starts on a thread of its own: what is logged meanwhile is written once the
 * file's appender has started, every line, in order, masked, with the thread that logged it.
 */
class StartingAppenderTest {

    @Test
    void linesLoggedWhileTheFileIsStartingAreAllWrittenInOrderAndMasked(@TempDir Path dir) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());   // as LogbackProvider's context has
        MaskedLayout layout = new MaskedLayout();
        layout.setContext(context);
        layout.setPattern("[%thread] %msg%n");
        Path log = dir.resolve("alerts.log");
        CountDownLatch logged = new CountDownLatch(1);
        StartingAppender appender = new StartingAppender(layout, () -> {
            try {
                logged.await();   // the file's appender starts only once the test has logged its first lines
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            layout.start();
            LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
            encoder.setContext(context);
            encoder.setLayout(layout);
            encoder.start();
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(context);
            file.setFile(log.toString());
            file.setEncoder(encoder);
            file.start();
            return file;
        });
        appender.setContext(context);
        appender.start();
        Logger logger = context.getLogger("test");
        logger.addAppender(appender);

        logger.info("first, as the pass starts");
        logger.info("second, with the password {}", "hunter2");
        layout.mask(new Mask() {
            @Override
            public String mask(String text) {
                return text.replace("hunter2", "[secret]");
            }

            @Override
            public JsonNode mask(JsonNode tree) {
                return tree;
            }
        });
        logged.countDown();
        logger.info("third, while or after the file's appender starts");
        appender.awaitStarted();
        logger.info("fourth, once it has");
        appender.stop();

        String thread = Thread.currentThread().getName();
        assertEquals("[" + thread + "] first, as the pass starts\n"
                + "[" + thread + "] second, with the password [secret]\n"
                + "[" + thread + "] third, while or after the file's appender starts\n"
                + "[" + thread + "] fourth, once it has\n", Files.readString(log));
    }
}
