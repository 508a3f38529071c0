package io.alertas.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test an {@link ElasticsearchNode} parameter: one node per test JVM, shared by every test class,
 * started on first use and stopped when the JVM ends. Use with
 * {@code @ExtendWith(ElasticsearchExtension.class)}.
 */
public final class ElasticsearchExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ElasticsearchNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return ElasticsearchNode.shared();
    }
}
