package org.originrelay.provisioningbridge;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.originrelay.testsupport.NatsServer;
import org.originrelay.testsupport.RabbitServer;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings every bridge test context shares: its own broker namespace, and a stream of its own. */
public final class BridgeTestEnvironment {

    private BridgeTestEnvironment() {
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** The test broker, an isolated namespace for the exchange and DLQ, deleted when the context closes. */
    public static void registerBroker(DynamicPropertyRegistry registry) {
        RabbitServer rabbit = TestInfrastructure.rabbit();
        registry.add("spring.rabbitmq.host", rabbit::host);
        registry.add("spring.rabbitmq.port", rabbit::port);
        registry.add("spring.rabbitmq.username", rabbit::username);
        registry.add("spring.rabbitmq.password", rabbit::password);
        registry.add("relay.bridge.namespace", RabbitServer::newNamespace);
        registry.add("relay.test.cleanup-topology", () -> true);
        registry.add("relay.security.jwt.hmac-secret", () -> TestTokens.SECRET);
    }

    /** As {@link #registerBroker}, and a source reading {@code stream} with a durable consumer {@code name}. */
    public static void registerBrokerAndStream(DynamicPropertyRegistry registry, String name, String stream) {
        registerBroker(registry);
        registry.add("relay.bridge.nats.url", () -> NatsServer.locate().url());
        registry.add("relay.bridge.nats.stream", () -> stream);
        registry.add("relay.bridge.nats.durable", () -> name);
        registry.add("relay.bridge.nats.source-name", () -> stream);
    }
}
