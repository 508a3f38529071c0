package io.alertas.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Sets a test instance's fields of one type, as JUnit sets {@code @TempDir} fields: what the testkit's extensions give tests. */
public final class TestFields {

    private TestFields() {
    }

    /** Sets the non-static, non-final fields of type {@code type} of the test instance (and of the classes it extends) to {@code value}. */
    public static void set(ExtensionContext context, Class<?> type, Object value) {
        Object test = context.getRequiredTestInstance();
        for (Class<?> c = test.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getType() == type && !Modifier.isStatic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers())) {
                    field.setAccessible(true);
                    try {
                        field.set(test, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot set " + field + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }
}
