package dev.spacetime.server;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a default {@link TestServer} into the test class's static {@code TestServer} field before its tests and
 * closes it after them: for test classes that need nothing but one running server.
 */
final class TestServerExtension implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        field(context).set(null, TestServer.start());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        // Also called when beforeAll failed, with nothing started.
        if (field(context).get(null) instanceof TestServer server) {
            server.close();
        }
    }

    private static Field field(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Field field = Arrays.stream(testClass.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == TestServer.class)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(testClass + " has no static TestServer field"));
        field.setAccessible(true);
        return field;
    }
}
