package io.attain.systemtests;

import io.attain.local.DemoData;
import io.attain.local.Ports;
import io.attain.local.Suite;
import io.attain.local.SuiteOptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts the whole suite once per test JVM (fresh data under {@code target/suite}, free ports) with the
 * demo data a newcomer gets from {@code ./attain up}, so the demo loader is tested too and the tests have the
 * demo organisation (two departments with managers and reps) to work with; stops it when the JVM's tests
 * are done. Test classes receive it as a {@link Suite} parameter.
 */
public final class AttainSuiteExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        suite(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Suite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return suite(context);
    }

    private static Suite suite(ExtensionContext context) {
        // the root store outlives every test class and closes the suite (AutoCloseable) at the very end
        return context.getRoot().getStore(ExtensionContext.Namespace.create(AttainSuiteExtension.class))
                .computeIfAbsent(Suite.class, key -> withDemoData(Suite.start(options())), Suite.class);
    }

    private static Suite withDemoData(Suite suite) {
        DemoData.load(suite);
        return suite;
    }

    private static SuiteOptions options() {
        Path root = Path.of(required("attain.root"));
        return SuiteOptions.builder(root)
                .dataDirectory(Path.of(required("attain.suite.dir")))
                .fresh(true)
                .ports(Ports.free())
                .keycloakHome(Path.of(required("attain.keycloak.home")))
                .infrastructureTimeout(Duration.ofMinutes(5))
                .serviceTimeout(Duration.ofMinutes(3))
                .progress(line -> System.out.println("[suite] " + line))
                .build();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests with ./mvnw verify");
        }
        return value;
    }
}
