package dev.rivulet.kafka.testbroker;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(KafkaBrokerExtension.class)}: starts {@link TestBroker#shared()} before a
 * test class and stops it when the whole JUnit run ends (success or failure); test methods and
 * constructors may take a {@link TestBroker} parameter.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KafkaBrokerExtension.class, k -> new Stopper(TestBroker.shared()),
                        Stopper.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return TestBroker.shared();
    }

    private record Stopper(TestBroker broker) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            TestBroker.stopShared();
        }
    }
}
