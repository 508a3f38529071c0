package io.alertas.testkit;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link RecordingHttpServer}: one receiver per test, stopped after it, set before the test into the
 * test instance's fields of that type (as JUnit sets {@code @TempDir} fields) and given as a parameter to its
 * {@code @BeforeEach} methods and to the test itself, the same one each time ({@code @BeforeAll} methods get one for
 * the class). Use with {@code @ExtendWith(RecordingHttpServerExtension.class)}.
 */
public final class RecordingHttpServerExtension implements ParameterResolver, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RecordingHttpServerExtension.class);

    /** The receiver of the test (or class) {@code context} stands for, started on first use. */
    public static RecordingHttpServer of(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(RecordingHttpServer.class, type -> new Running(RecordingHttpServer.start()),
                Running.class).server();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestFields.set(context, RecordingHttpServer.class, of(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RecordingHttpServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return of(context);
    }

    /** Closes the receiver when its test's store is closed. */
    private record Running(RecordingHttpServer server) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            server.close();
        }
    }
}
