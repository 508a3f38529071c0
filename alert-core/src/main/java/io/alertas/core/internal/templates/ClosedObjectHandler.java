package io.alertas.core.internal.templates;

import com.github.mustachejava.Iteration;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import java.io.Writer;
import java.lang.reflect.AccessibleObject;
import java.util.List;

/**
 * Lets a template see the notification's fields and nothing else: names resolve as keys of the fields' maps,
 * never as methods or fields of a Java object (so {@code {{message.class}}} is empty), and every turn of a
 * section counts against the render's {@link RenderBudget}, so nested sections cannot multiply work without
 * bound.
 */
final class ClosedObjectHandler extends ReflectionObjectHandler {

    @Override
    protected AccessibleObject findMember(Class sclass, String name) {
        return null;
    }

    @Override
    public Writer iterate(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
        if (object instanceof Iterable<?> items) {
            for (Object item : items) {
                RenderBudget.turn();
                writer = iteration.next(writer, coerce(item), scopes);
            }
            return writer;
        }
        RenderBudget.turn();
        return super.iterate(iteration, writer, object, scopes);
    }
}
