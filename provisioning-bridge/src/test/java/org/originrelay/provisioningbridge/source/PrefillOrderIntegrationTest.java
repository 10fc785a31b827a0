package org.originrelay.provisioningbridge.source;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.provisioningbridge.BridgeTestEnvironment;
import org.originrelay.provisioningbridge.ProvisioningBridgeApplication;
import org.originrelay.testsupport.NatsServer;
import org.originrelay.testsupport.RabbitServer;
import org.originrelay.testsupport.TestInfrastructure;
import org.originrelay.testsupport.TestTokens;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Provisioning stack's order in NATS mode, on the real NATS and RabbitMQ: nothing while the prefill
 * is pending, then every prefill message, then every live one, each in stream order; and the same
 * output, nothing twice, nothing lost when the bridge is stopped in the middle of either phase and a
 * new one started. A bridge is stopped mid-phase deterministically: its dead-letter queue is replaced
 * by one that refuses every message, so it holds the stream at an unmappable message until restarted.
 */
class PrefillOrderIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String name = BridgeTestEnvironment.uniqueName("prefill-order");
    private final String stream = "stream:" + name;
    private final String bucket = BridgeTestEnvironment.uniqueName("subscriptions");
    private final String namespace = RabbitServer.newNamespace();
    private final String exchange = namespace + "provisioning.events";
    private final String deadLetterQueue = namespace + "provisioning-bridge.dlq";
    private final String subscriberQueue = namespace + "prefill-order.subscriber";
    private final List<ConfigurableApplicationContext> bridges = new ArrayList<>();
    private Connection nats;
    private CachingConnectionFactory rabbitConnection;
    private RabbitAdmin admin;
    private RabbitTemplate rabbit;
    private String idPrefix;

    @BeforeEach
    void streamBucketAndSubscriber() throws Exception {
        nats = Nats.connect(NatsServer.locate().url());
        nats.jetStreamManagement().addStream(StreamConfiguration.builder().name(stream)
                .subjects(name + ".main", name + ".prefill").storageType(StorageType.Memory).build());
        idPrefix = BridgeTestEnvironment.messageIdPrefix(nats, stream);
        RabbitServer server = TestInfrastructure.rabbit();
        rabbitConnection = new CachingConnectionFactory(server.host(), server.port());
        rabbitConnection.setUsername(server.username());
        rabbitConnection.setPassword(server.password());
        admin = new RabbitAdmin(rabbitConnection);
        rabbit = new RabbitTemplate(rabbitConnection);
        admin.declareExchange(new TopicExchange(exchange, true, false));
        admin.declareQueue(new Queue(subscriberQueue, false, false, false));
        admin.declareBinding(BindingBuilder.bind(new Queue(subscriberQueue)).to(new TopicExchange(exchange)).with("#"));
    }

    @AfterEach
    void removeEverything() throws Exception {
        bridges.forEach(ConfigurableApplicationContext::close);
        admin.deleteQueue(subscriberQueue);
        admin.deleteQueue(deadLetterQueue);
        admin.deleteExchange(exchange);
        rabbitConnection.destroy();
        nats.jetStreamManagement().deleteStream(stream);
        BridgeTestEnvironment.deleteBucket(nats, bucket);
        BridgeTestEnvironment.deleteBucket(nats, name + "-lease");
        nats.close();
    }

    @Test
    void nothingWhileThePrefillIsPendingThenEveryPrefillMessageThenEveryLiveOneInStreamOrder() throws Exception {
        List<Long> prefill = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // A live change made during the prefill sits in the stream before the prefill snapshot.
            live.add(publish(name + ".main", message("udm-listener", "{}", user("live-" + i))));
            prefill.add(publish(name + ".prefill", message("udm-pre-fill", "{}", user("snapshot-" + i))));
        }
        BridgeTestEnvironment.registerSubscription(nats, bucket, name, true, "pending");
        ConfigurableApplicationContext bridge = startBridge();

        await().atMost(WAIT).until(() -> "waiting-for-prefill".equals(detail(bridge, "phase"))
                && "prefill pending".equals(detail(bridge, "waitingFor")));
        BridgeTestEnvironment.registerSubscription(nats, bucket, name, true, "running");
        await().atMost(WAIT).until(() -> "prefill running".equals(detail(bridge, "waitingFor")));
        // Not even a consumer exists yet, so nothing can have been read, let alone published.
        assertThat(nats.jetStreamManagement().getConsumerNames(stream)).isEmpty();
        assertThat(admin.getQueueInfo(subscriberQueue).getMessageCount()).isZero();
        assertThat(source(bridge).health().getStatus().getCode()).isEqualTo("UP");

        BridgeTestEnvironment.registerSubscription(nats, bucket, name, true, "done");

        List<Message> received = receive(24);
        assertThat(received).extracting(message -> message.getMessageProperties().getMessageId())
                .containsExactlyElementsOf(ids(prefill, live));
        assertThat(received.subList(0, 12)).extracting(message -> message.getMessageProperties().getReceivedRoutingKey())
                .containsOnly("udm.users.user.prefilled");
        assertThat(received.subList(12, 24)).extracting(message -> message.getMessageProperties().getReceivedRoutingKey())
                .containsOnly("udm.users.user.created");
        await().atMost(WAIT).until(() -> "live".equals(detail(bridge, "phase")));
        assertThat(source(bridge).health().getDetails()).containsEntry("bridgedPrefill", 12L)
                .containsEntry("bridgedLive", 12L);
        assertThat(admin.getQueueInfo(subscriberQueue).getMessageCount()).isZero();
    }

    @Test
    void aSubscriptionWithoutPrefillGoesStraightToLive() throws Exception {
        List<Long> live = List.of(publish(name + ".main", message("udm-listener", "{}", user("only-live"))));
        BridgeTestEnvironment.registerSubscription(nats, bucket, name, false, "done");
        ConfigurableApplicationContext bridge = startBridge();

        assertThat(receive(1)).extracting(message -> message.getMessageProperties().getMessageId())
                .containsExactlyElementsOf(ids(live));
        assertThat(detail(bridge, "phase")).isEqualTo("live");
        assertThat(nats.jetStreamManagement().getConsumerNames(stream)).containsExactly(name + "-main");
    }

    @Test
    void stoppedInTheMiddleOfThePrefillTheNextBridgeGoesOnWithNothingTwiceAndNothingLost() throws Exception {
        List<Long> prefill = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        long poison = 0;
        for (int i = 0; i < 10; i++) {
            live.add(publish(name + ".main", message("udm-listener", "{}", user("live-" + i))));
            prefill.add(publish(name + ".prefill", message("udm-pre-fill", "{}", user("snapshot-" + i))));
            if (i == 4) {
                poison = publish(name + ".prefill", "this is not json");
            }
        }
        BridgeTestEnvironment.registerSubscription(nats, bucket, name, true, "pending");
        ConfigurableApplicationContext first = startBridge();
        blockTheDeadLetterQueueOf(first);
        BridgeTestEnvironment.registerSubscription(nats, bucket, name, true, "done");

        List<Message> received = new ArrayList<>(receive(5));
        awaitHeldAtTheBlockedDeadLetterQueue(first, "prefill");
        first.close();
        unblockTheDeadLetterQueue();
        startBridge();
        received.addAll(receive(15));

        assertThat(received).extracting(message -> message.getMessageProperties().getMessageId())
                .containsExactlyElementsOf(ids(prefill, live));
        assertThat(admin.getQueueInfo(subscriberQueue).getMessageCount()).isZero();
        assertParked(poison, null);
    }

    @Test
    void stoppedInTheMiddleOfTheLivePhaseTheNextBridgeGoesOnWithNothingTwiceAndNothingLost() throws Exception {
        List<Long> prefill = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        long poison = 0;
        for (int i = 0; i < 10; i++) {
            live.add(publish(name + ".main", message("udm-listener", "{}", user("live-" + i))));
            if (i == 4) {
                // Both old and new empty: parked, with the routing key it would have had.
                poison = publish(name + ".main", message("udm-listener", "{}", "{}"));
            }
            prefill.add(publish(name + ".prefill", message("udm-pre-fill", "{}", user("snapshot-" + i))));
        }
        BridgeTestEnvironment.registerSubscription(nats, bucket, name, true, "pending");
        ConfigurableApplicationContext first = startBridge();
        blockTheDeadLetterQueueOf(first);
        BridgeTestEnvironment.registerSubscription(nats, bucket, name, true, "done");

        List<Message> received = new ArrayList<>(receive(15));
        awaitHeldAtTheBlockedDeadLetterQueue(first, "live");
        first.close();
        unblockTheDeadLetterQueue();
        ConfigurableApplicationContext second = startBridge();
        received.addAll(receive(5));

        assertThat(received).extracting(message -> message.getMessageProperties().getMessageId())
                .containsExactlyElementsOf(ids(prefill, live));
        assertThat(admin.getQueueInfo(subscriberQueue).getMessageCount()).isZero();
        // The phase survived the restart: the second bridge went on with main, never back to prefill.
        assertThat(detail(second, "phase")).isEqualTo("live");
        assertThat(source(second).health().getDetails()).containsEntry("bridgedPrefill", 0L);
        assertParked(poison, "udm.users.user.created");
    }

    /**
     * Replaces the bridge's dead-letter queue (after the bridge declared it) with one that refuses every
     * message and cannot be declared over, so the bridge holds at the first unmappable message.
     */
    private void blockTheDeadLetterQueueOf(ConfigurableApplicationContext bridge) {
        bridge.getBean(RabbitAdmin.class).initialize();
        admin.deleteQueue(deadLetterQueue);
        admin.declareQueue(QueueBuilder.durable(deadLetterQueue).maxLength(0)
                .overflow(QueueBuilder.Overflow.rejectPublish).build());
    }

    private void unblockTheDeadLetterQueue() {
        admin.deleteQueue(deadLetterQueue);
    }

    private void awaitHeldAtTheBlockedDeadLetterQueue(ConfigurableApplicationContext bridge, String phase) {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(detail(bridge, "phase")).isEqualTo(phase);
            assertThat(detail(bridge, "problem")).contains("cannot be declared");
            assertThat(source(bridge).health().getStatus().getCode()).isEqualTo("DOWN");
        });
    }

    private void assertParked(long sequence, String originalRoutingKey) {
        Message parked = rabbit.receive(deadLetterQueue, 20_000);
        assertThat(parked).isNotNull();
        var properties = parked.getMessageProperties();
        assertThat(properties.getMessageId()).isEqualTo(idPrefix + sequence);
        assertThat(properties.<String>getHeader(RelayHeaders.ORIGINAL_EXCHANGE)).isEqualTo(exchange);
        assertThat(properties.<String>getHeader(RelayHeaders.ORIGINAL_ROUTING_KEY)).isEqualTo(originalRoutingKey);
        assertThat(properties.<String>getHeader(RelayHeaders.FAILED_SERVICE)).isEqualTo("provisioning-bridge");
        assertThat(properties.<String>getHeader(RelayHeaders.EXCEPTION_CLASS)).endsWith("UnmappableMessageException");
        assertThat(properties.<String>getHeader(RelayHeaders.EXCEPTION_MESSAGE)).isNotBlank();
        assertThat(properties.getHeaders()).doesNotContainKey(RelayHeaders.ORIGINAL_QUEUE);
        assertThat(admin.getQueueInfo(deadLetterQueue).getMessageCount()).as("parked once").isZero();
    }

    private ConfigurableApplicationContext startBridge() {
        RabbitServer server = TestInfrastructure.rabbit();
        Map<String, Object> properties = new LinkedHashMap<>();
        // Secrets have no default outside the local profile (docs/security.md); the tests' own, as every bridge test.
        properties.put("relay.security.jwt.hmac-secret", TestTokens.SECRET);
        properties.put("spring.rabbitmq.host", server.host());
        properties.put("spring.rabbitmq.port", server.port());
        properties.put("spring.rabbitmq.username", server.username());
        properties.put("spring.rabbitmq.password", server.password());
        properties.put("relay.messaging.namespace", namespace);
        properties.put("relay.bridge.nats.url", NatsServer.locate().url());
        properties.put("relay.bridge.nats.subscription", name);
        properties.put("relay.bridge.nats.stream", stream);
        properties.put("relay.bridge.nats.durable", name);
        properties.put("relay.bridge.nats.source-name", stream);
        properties.put("relay.bridge.nats.subscriptions-bucket", bucket);
        properties.put("relay.bridge.nats.prefill-poll-interval", "100ms");
        properties.put("relay.bridge.nats.ack-wait", "2s");
        properties.put("relay.bridge.batch-size", 3);
        properties.put("relay.bridge.max-backoff", "500ms");
        properties.put("relay.bridge.down-after", "1s");
        // As command-line arguments: they override the bridge's configuration file, as in production.
        ConfigurableApplicationContext bridge = ProvisioningBridgeApplication.application()
                .web(WebApplicationType.NONE)
                .run(properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
        bridges.add(bridge);
        return bridge;
    }

    private static NatsSource source(ConfigurableApplicationContext bridge) {
        return bridge.getBean(NatsSource.class);
    }

    private static String detail(ConfigurableApplicationContext bridge, String name) {
        return String.valueOf(source(bridge).health().getDetails().get(name));
    }

    private List<String> ids(List<Long> first) {
        return first.stream().map(sequence -> idPrefix + sequence).toList();
    }

    private List<String> ids(List<Long> first, List<Long> then) {
        List<String> ids = new ArrayList<>(ids(first));
        ids.addAll(ids(then));
        return ids;
    }

    private long publish(String subject, String message) throws IOException, JetStreamApiException {
        JetStream jetStream = nats.jetStream();
        return jetStream.publish(subject, message.getBytes(StandardCharsets.UTF_8)).getSeqno();
    }

    private List<Message> receive(int count) {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = rabbit.receive(subscriberQueue, WAIT.toMillis());
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            received.add(message);
        }
        return received;
    }

    private static String user(String name) {
        return """
                {"dn":"uid=%s,cn=users,dc=example","objectType":"users/user","id":"%s-id","properties":{"username":"%s"}}"""
                .formatted(name, name, name);
    }

    private static String message(String publisher, String old, String current) {
        return """
                {"publisher_name":"%s","ts":"2026-11-22T10:00:00.123456","realm":"udm","topic":"users/user","body":{"old":%s,"new":%s}}"""
                .formatted(publisher, old, current);
    }
}
