package io.alertas.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test an {@link ElasticsearchNode}, as a parameter and in the test instance's fields of that type: the
 * {@linkplain ElasticsearchNode#shared() shared} node, one per build (or per test JVM outside this repository's
 * build), started on first use. Each test class keeps to its
 * own indices: what the class created on the node (indices, data streams, index templates) is deleted, by name,
 * after its last test, so that the next class, of this module or another, starts from a node without it. Use with
 * {@code @ExtendWith(ElasticsearchExtension.class)}.
 */
public final class ElasticsearchExtension implements ParameterResolver, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ElasticsearchExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(context.getUniqueId(), NodeContents.of(ElasticsearchNode.shared()));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestFields.set(context, ElasticsearchNode.class, ElasticsearchNode.shared());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        NodeContents before = context.getStore(NAMESPACE).remove(context.getUniqueId(), NodeContents.class);
        if (before != null) {
            ElasticsearchNode node = ElasticsearchNode.shared();
            NodeContents.of(node).deleteAddedSince(before, node);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ElasticsearchNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return ElasticsearchNode.shared();
    }
}
