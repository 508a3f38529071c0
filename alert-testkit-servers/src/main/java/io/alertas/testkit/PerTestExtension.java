package io.alertas.testkit;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit extension that gives each test one {@code T} of its own, made on first use and closed after the test: set
 * before the test into the test instance's fields of that type (as JUnit sets {@code @TempDir} fields) and given as a
 * parameter to its {@code @BeforeEach} methods and to the test itself, the same one each time ({@code @BeforeAll}
 * methods get one for the class).
 *
 * @param <T> what the extension gives
 */
public abstract class PerTestExtension<T> implements ParameterResolver, BeforeEachCallback {

    private final Class<T> type;

    /** An extension that gives tests a {@code type}. */
    protected PerTestExtension(Class<T> type) {
        this.type = type;
    }

    /** Makes the {@code T} of the test (or class) {@code context} stands for. */
    protected abstract T create(ExtensionContext context);

    /** Releases what {@link #create} made, after its test (or class). */
    protected abstract void close(T value);

    /** The {@code T} of the test (or class) {@code context} stands for, made on first use. */
    protected final T get(ExtensionContext context) {
        return type.cast(context.getStore(ExtensionContext.Namespace.create(getClass()))
                .getOrComputeIfAbsent(type, key -> new Held(create(context)), Held.class).value);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestFields.set(context, type, get(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get(context);
    }

    /** Closes its value when its test's store is closed. */
    private final class Held implements ExtensionContext.Store.CloseableResource {
        private final T value;

        Held(T value) {
            this.value = value;
        }

        @Override
        public void close() {
            PerTestExtension.this.close(value);
        }
    }
}
