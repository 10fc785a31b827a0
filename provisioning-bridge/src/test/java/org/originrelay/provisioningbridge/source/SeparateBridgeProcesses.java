package org.originrelay.provisioningbridge.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.originrelay.provisioningbridge.ProvisioningBridgeApplication;
import org.originrelay.testsupport.NatsServer;
import org.originrelay.testsupport.RabbitServer;
import org.originrelay.testsupport.ServiceProcess;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bridges in JVMs of their own, all on one subscription's stream and one messaging namespace, for the tests
 * that kill them ({@link Process#destroyForcibly()}, as {@code kill -9}). Each one's log goes to
 * {@code target/kill-tests/<subscription>-<n>.log}.
 */
final class SeparateBridgeProcesses implements AutoCloseable {

    private final String namespace;
    private final String subscription;
    private final String stream;
    private final String subscriptionsBucket;
    private final List<Process> started = new ArrayList<>();

    SeparateBridgeProcesses(String namespace, String subscription, String stream, String subscriptionsBucket) {
        this.namespace = namespace;
        this.subscription = subscription;
        this.stream = stream;
        this.subscriptionsBucket = subscriptionsBucket;
    }

    Process start() throws Exception {
        RabbitServer server = TestInfrastructure.rabbit();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.main.web-application-type", "none");
        properties.put("relay.security.jwt.hmac-secret", TestTokens.SECRET);
        properties.put("spring.rabbitmq.host", server.host());
        properties.put("spring.rabbitmq.port", server.port());
        properties.put("spring.rabbitmq.username", server.username());
        properties.put("spring.rabbitmq.password", server.password());
        properties.put("relay.messaging.namespace", namespace);
        properties.put("relay.bridge.nats.url", NatsServer.locate().url());
        properties.put("relay.bridge.nats.subscription", subscription);
        properties.put("relay.bridge.nats.stream", stream);
        properties.put("relay.bridge.nats.durable", subscription);
        properties.put("relay.bridge.nats.source-name", stream);
        properties.put("relay.bridge.nats.subscriptions-bucket", subscriptionsBucket);
        properties.put("relay.bridge.nats.prefill-poll-interval", "100ms");
        // Messages in flight at a kill come again after this.
        properties.put("relay.bridge.nats.ack-wait", "2s");
        properties.put("relay.bridge.batch-size", 5);
        properties.put("relay.bridge.max-backoff", "500ms");
        Path log = Path.of("target", "kill-tests", subscription + "-" + (started.size() + 1) + ".log");
        Files.createDirectories(log.getParent());
        Process bridge = ServiceProcess.start(ProvisioningBridgeApplication.class.getName(), Map.of(), log,
                properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
        started.add(bridge);
        return bridge;
    }

    static void kill(Process bridge) throws InterruptedException {
        assertThat(bridge.isAlive()).as("bridge still running when killed").isTrue();
        bridge.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process bridge : started) {
            bridge.destroyForcibly().waitFor();
        }
    }
}
