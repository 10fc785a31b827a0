package org.originrelay.provisioningbridge;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.originrelay.testsupport.NatsServer;
import org.originrelay.testsupport.RabbitServer;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings every bridge test context shares: its own broker namespace, a stream and KV bucket of its own. */
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
        registry.add("relay.messaging.namespace", RabbitServer::newNamespace);
        registry.add("relay.test.cleanup-topology", () -> true);
        registry.add("relay.security.jwt.hmac-secret", () -> TestTokens.SECRET);
    }

    /**
     * As {@link #registerBroker}, and a source reading subscription {@code name} from {@code stream}
     * (durable consumers {@code name-prefill}, {@code name-main}), its registration in {@code bucket}.
     */
    public static void registerBrokerAndStream(DynamicPropertyRegistry registry, String name, String stream,
            String bucket) {
        registerBroker(registry);
        registry.add("relay.bridge.nats.url", () -> NatsServer.locate().url());
        registry.add("relay.bridge.nats.subscription", () -> name);
        registry.add("relay.bridge.nats.stream", () -> stream);
        registry.add("relay.bridge.nats.durable", () -> name);
        registry.add("relay.bridge.nats.source-name", () -> stream);
        registry.add("relay.bridge.nats.subscriptions-bucket", () -> bucket);
    }

    /**
     * Writes a subscription's registration as the Provisioning stack's registration API does: its JSON
     * under the subscription's name in the key-value bucket (created if missing).
     */
    public static void registerSubscription(Connection nats, String bucket, String name, boolean requestPrefill,
            String prefillQueueStatus) throws IOException, JetStreamApiException {
        if (!nats.keyValueManagement().getBucketNames().contains(bucket)) {
            nats.keyValueManagement().create(KeyValueConfiguration.builder().name(bucket)
                    .storageType(StorageType.Memory).build());
        }
        String value = """
                {"name":"%s","realms_topics":[{"realm":"udm","topic":"users/user"}],"request_prefill":%s,"prefill_queue_status":"%s"}"""
                .formatted(name, requestPrefill, prefillQueueStatus);
        nats.keyValue(bucket).put(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public static void deleteBucket(Connection nats, String bucket) throws IOException, JetStreamApiException {
        if (nats.keyValueManagement().getBucketNames().contains(bucket)) {
            nats.keyValueManagement().delete(bucket);
        }
    }

    /** The first part of the ids of the messages bridged from {@code stream}: {@code <stream>:<created>:}. */
    public static String messageIdPrefix(Connection nats, String stream) throws IOException, JetStreamApiException {
        return stream + ":" + nats.jetStreamManagement().getStreamInfo(stream).getCreateTime().toInstant().toEpochMilli()
                + ":";
    }
}
