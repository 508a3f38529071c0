package io.alertas.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a {@link RecordingHttpServer} of its own, stopped after it, in its fields of that type and as a
 * parameter (see {@link PerTestExtension}). Use with {@code @ExtendWith(RecordingHttpServerExtension.class)}.
 */
public final class RecordingHttpServerExtension extends PerTestExtension<RecordingHttpServer> {

    /** The extension, as {@code @ExtendWith} makes it. */
    public RecordingHttpServerExtension() {
        super(RecordingHttpServer.class);
    }

    /** The receiver of the test (or class) {@code context} stands for, started on first use: for another extension. */
    public static RecordingHttpServer of(ExtensionContext context) {
        return new RecordingHttpServerExtension().get(context);
    }

    @Override
    protected RecordingHttpServer create(ExtensionContext context) {
        return RecordingHttpServer.start();
    }

    @Override
    protected void close(RecordingHttpServer server) {
        server.close();
    }
}
