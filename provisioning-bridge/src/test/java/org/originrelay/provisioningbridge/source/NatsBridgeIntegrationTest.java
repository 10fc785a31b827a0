package org.originrelay.provisioningbridge.source;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.originrelay.provisioningbridge.publishing.BridgeDestinations;
import org.originrelay.provisioningbridge.BridgeTestEnvironment;
import org.originrelay.testsupport.NatsServer;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.originrelay.messaging.consume.RelayHeaders;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.ConsumeOkNotReceivedException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bridge between a real JetStream stream and a real RabbitMQ, in the Provisioning stack's format. */
@SpringBootTest(properties = "spring.config.name=provisioning-bridge")
class NatsBridgeIntegrationTest {

    private static final String NAME = BridgeTestEnvironment.uniqueName("bridge-test");
    private static final String STREAM = "stream:" + NAME;
    private static final String BUCKET = BridgeTestEnvironment.uniqueName("subscriptions");
    private static final String TRACE_PARENT = "00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]";
    private static Connection nats;
    private static String idPrefix;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        nats = Nats.connect(NatsServer.locate().url());
        nats.jetStreamManagement().addStream(StreamConfiguration.builder().name(STREAM)
                .subjects(NAME + ".main", NAME + ".prefill").storageType(StorageType.Memory).build());
        idPrefix = BridgeTestEnvironment.messageIdPrefix(nats, STREAM);
        // Registered without prefill: the stack stores it as "done", and the bridge goes straight to main.
        BridgeTestEnvironment.registerSubscription(nats, BUCKET, NAME, false, "done");
        BridgeTestEnvironment.registerBrokerAndStream(registry, NAME, STREAM, BUCKET);
        registry.add("relay.bridge.batch-size", () -> 10);
        registry.add("relay.bridge.nats.ack-wait", () -> "2s");
    }

    @AfterAll
    static void removeTheStream() throws Exception {
        nats.jetStreamManagement().deleteStream(STREAM);
        BridgeTestEnvironment.deleteBucket(nats, BUCKET);
        BridgeTestEnvironment.deleteBucket(nats, NAME + "-lease");
        nats.close();
    }

    @Autowired
    BridgeDestinations properties;
    @Value("${relay.messaging.namespace}")
    String namespace;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    NatsSource source;
    @Autowired
    org.springframework.amqp.rabbit.connection.CachingConnectionFactory connectionFactory;

    private String subscriberQueue;
    private Binding binding;

    @BeforeEach
    void subscribe() {
        subscriberQueue = namespace + "bridge-test.subscriber";
        Queue queue = new Queue(subscriberQueue, false, false, false);
        admin.declareQueue(queue);
        binding = BindingBuilder.bind(queue).to(new TopicExchange(properties.exchange())).with("udm.#");
        admin.declareBinding(binding);
    }

    @AfterEach
    void unsubscribe() {
        admin.deleteQueue(subscriberQueue);
    }

    @Test
    void provisioningMessagesArriveInOrderWithRoutingKeysHeadersAndUnchangedBodies() throws Exception {
        List<String> sent = List.of(
                message("udm-listener", "{}", user("alice", "cn=users")),
                message("udm-listener", user("alice", "cn=users"), user("alice", "cn=staff")),
                message("udm-listener", user("alice", "cn=staff"), user("alice", "cn=staff").replace("Alice", "Alicia")),
                message("udm-listener", user("alice", "cn=staff"), "{}"));
        long first = publish(NAME + ".main", sent).getFirst();

        List<Message> received = receive(4);

        assertThat(received).extracting(message -> message.getMessageProperties().getReceivedRoutingKey())
                .containsExactly("udm.users.user.created", "udm.users.user.moved", "udm.users.user.modified",
                        "udm.users.user.deleted");
        assertThat(received).extracting(message -> message.getMessageProperties().<String>getHeader("provisioning-action"))
                .containsExactly("created", "modified", "modified", "deleted");
        assertThat(received).extracting(message -> new String(message.getBody(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(sent);
        var created = received.getFirst().getMessageProperties();
        assertThat(created.getMessageId()).isEqualTo(idPrefix + first);
        assertThat(created.<Object>getHeader("publisher-name")).isEqualTo("udm-listener");
        assertThat(created.<Object>getHeader("sequence-number")).isEqualTo(first);
        assertThat(created.<Object>getHeader("num-delivered")).isEqualTo(1L);
        assertThat(created.<Object>getHeader("object-id")).isEqualTo("alice-id");
        assertThat(created.<Object>getHeader("object-id-source")).isEqualTo("id");
        assertThat(created.<Object>getHeader("object-dn")).isEqualTo("uid=alice,cn=users,dc=example");
        // Each bridged message starts its own trace (the source sent none), as W3C traceparent.
        assertThat(received).extracting(message -> message.getMessageProperties().<String>getHeader("traceparent"))
                .allMatch(traceParent -> traceParent != null && traceParent.matches(TRACE_PARENT))
                .extracting(traceParent -> traceParent.split("-")[1]).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer().getNumAckPending() == 0
                && consumer().getNumPending() == 0);
    }

    @Test
    void aBridgedMessageContinuesTheTraceTheSourceMessageCarried() throws Exception {
        String sourceTrace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        io.nats.client.impl.Headers headers = new io.nats.client.impl.Headers().add("traceparent", sourceTrace);
        nats.jetStream().publish(NAME + ".main", headers,
                message("udm-listener", "{}", user("erin", "cn=users")).getBytes(StandardCharsets.UTF_8));

        String traceParent = receive(1).getFirst().getMessageProperties().getHeader("traceparent");

        assertThat(traceParent).matches(TRACE_PARENT);
        assertThat(traceParent.split("-")[1]).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(traceParent.split("-")[2]).as("the bridge's own span, a child of the source's")
                .isNotEqualTo("00f067aa0ba902b7");
    }

    @Test
    void anUnmappableMessageIsParkedWithItsReasonAndTheStreamGoesOn() throws Exception {
        publish(NAME + ".main", List.of("this is not json", message("udm-listener", "{}", user("carol", "cn=users"))));

        Message parked = rabbit.receive(properties.deadLetterQueue(), 10_000);
        List<Message> received = receive(1);

        assertThat(parked).isNotNull();
        assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
        var headers = parked.getMessageProperties();
        assertThat(headers.<String>getHeader(RelayHeaders.EXCEPTION_MESSAGE)).startsWith("not JSON");
        assertThat(headers.<String>getHeader(RelayHeaders.EXCEPTION_CLASS)).endsWith("UnmappableMessageException");
        assertThat(headers.<String>getHeader(RelayHeaders.FAILED_SERVICE)).isEqualTo("provisioning-bridge");
        assertThat(headers.<String>getHeader(RelayHeaders.ORIGINAL_EXCHANGE)).isEqualTo(properties.exchange());
        assertThat(headers.<String>getHeader(RelayHeaders.FIRST_FAILURE_AT)).isNotBlank();
        assertThat(headers.<String>getHeader(RelayHeaders.LAST_FAILURE_AT)).isNotBlank();
        assertThat(headers.getHeaders()).doesNotContainKey(RelayHeaders.ORIGINAL_QUEUE);
        assertThat(headers.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(received.getFirst().getMessageProperties().getReceivedRoutingKey()).isEqualTo("udm.users.user.created");
    }

    @Test
    void aDeletedDeadLetterQueueIsDeclaredAgainInsteadOfRepublishingForever() throws Exception {
        admin.deleteQueue(properties.deadLetterQueue());
        publish(NAME + ".main", List.of(message("udm-listener", "{}", "{}"), message("udm-listener", "{}", user("dana", "cn=users"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> admin.getQueueInfo(properties.deadLetterQueue()) != null);
        Message parked = rabbit.receive(properties.deadLetterQueue(), 20_000);
        List<Message> received = receive(1);

        assertThat(parked).isNotNull();
        assertThat(parked.getMessageProperties().<String>getHeader(RelayHeaders.EXCEPTION_MESSAGE))
                .isEqualTo("both old and new are empty");
        assertThat(parked.getMessageProperties().<String>getHeader(RelayHeaders.ORIGINAL_ROUTING_KEY))
                .isEqualTo("udm.users.user.created");
        assertThat(received.getFirst().getMessageProperties().<Object>getHeader("object-id")).isEqualTo("dana-id");
        assertThat(admin.getQueueInfo(properties.deadLetterQueue()).getMessageCount()).as("parked once").isZero();
    }

    @Test
    void whileRabbitMqRefusesMessagesNothingIsAckedAndAfterwardsNothingIsLostOrReordered() throws Exception {
        admin.deleteExchange(properties.exchange());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            sent.add(message("udm-listener", "{}", user("user-" + i, "cn=users")));
        }
        List<Long> sequences = publish(NAME + ".main", sent);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> consumer().getAckFloor().getStreamSequence() < sequences.getFirst()
                        && consumer().getNumAckPending() > 0);
        admin.declareExchange(new TopicExchange(properties.exchange(), true, false));
        admin.declareBinding(binding);

        List<Message> received = receive(15);
        assertThat(received).extracting(message -> new String(message.getBody(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(sent);
        assertThat(received).extracting(message -> message.getMessageProperties().getMessageId())
                .containsExactlyElementsOf(sequences.stream().map(sequence -> idPrefix + sequence).toList());
        // The bridge held the unconfirmed messages and published them again itself: NATS never had to
        // redeliver, so nothing reached RabbitMQ twice.
        assertThat(received).extracting(message -> message.getMessageProperties().<Long>getHeader("num-delivered"))
                .containsOnly(1L);
        assertThat(admin.getQueueInfo(subscriberQueue).getMessageCount()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                consumer().getAckFloor().getStreamSequence() >= sequences.getLast());
    }

    @Test
    void batchesPublishedWhileEarlierOnesAwaitTheirConfirmsArriveInStreamOrderOnce() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(message("udm-listener", "{}", user("overlap-" + i, "cn=users")));
        }
        List<Long> sequences = publish(NAME + ".main", sent);

        List<String> ids = messageIdsUntil(idPrefix + sequences.getLast());

        assertThat(ids).containsExactlyElementsOf(sequences.stream().map(sequence -> idPrefix + sequence).toList());
        // Batches of 10, four in flight: NATS lets the bridge hold exactly that many unacked.
        assertThat(consumer().getConsumerConfiguration().getMaxAckPending()).isEqualTo(40);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                consumer().getAckFloor().getStreamSequence() >= sequences.getLast());
    }

    @Test
    void aBrokerNackHoldsEverythingFromTheFirstUnconfirmedMessageOnAndAcksNothingBeyondIt() throws Exception {
        // A queue that takes 25 messages and then makes the broker nack every further one (reject-publish).
        String full = namespace + "bridge-test.full";
        Queue limited = new Queue(full, false, false, false, java.util.Map.of("x-max-length", 25,
                "x-overflow", "reject-publish"));
        admin.declareQueue(limited);
        admin.declareBinding(BindingBuilder.bind(limited).to(new TopicExchange(properties.exchange())).with("udm.#"));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sent.add(message("udm-listener", "{}", user("nacked-" + i, "cn=users")));
        }
        List<Long> sequences;
        try {
            sequences = publish(NAME + ".main", sent);

            // Acked at NATS: exactly the 25 confirmed messages, however many batches were in flight after them.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(15)).until(() ->
                    consumer().getAckFloor().getStreamSequence() == sequences.get(24));
            assertThat(consumer().getNumAckPending()).as("the rest is held, not handed back").isPositive();
        } finally {
            admin.deleteQueue(full);
        }

        List<String> ids = messageIdsUntil(idPrefix + sequences.getLast());
        // Nacked messages reached the other queue on their first publish and come again when published
        // once more (same id, for the subscribers' deduplication): none is missing, first arrivals in order.
        assertThat(ids.stream().distinct().toList())
                .containsExactlyElementsOf(sequences.stream().map(sequence -> idPrefix + sequence).toList());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                consumer().getAckFloor().getStreamSequence() >= sequences.getLast());
    }

    @Test
    void droppingTheBrokerConnectionMidStreamLosesAndReordersNothing() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sent.add(message("udm-listener", "{}", user("mass-" + i, "cn=users")));
        }
        List<Long> sequences = publish(NAME + ".main", sent);

        for (int drop = 0; drop < 3; drop++) {
            Thread.sleep(30);
            connectionFactory.resetConnection();
        }

        List<String> ids = messageIdsUntil(idPrefix + sequences.getLast());
        // A message whose confirm was lost with the connection may arrive twice (same id, for the
        // subscribers' deduplication); none is missing and the first arrivals keep the stream's order.
        assertThat(ids.stream().distinct().toList())
                .containsExactlyElementsOf(sequences.stream().map(sequence -> idPrefix + sequence).toList());
    }

    @Test
    void aDroppedNatsConnectionIsReestablishedAndTheStreamContinuesInOrder() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(message("udm-listener", "{}", user("reconnect-" + i, "cn=users")));
        }
        List<Long> sequences = publish(NAME + ".main", sent.subList(0, 50));
        source.connection().forceReconnect();
        sequences.addAll(publish(NAME + ".main", sent.subList(50, 100)));

        List<String> ids = messageIdsUntil(idPrefix + sequences.getLast());

        // Acks sent while the connection was down are lost, so NATS redelivers those messages: they reach
        // RabbitMQ again with the same id (subscribers deduplicate); none is missing, and the first
        // arrivals keep the stream's order.
        assertThat(ids.stream().distinct().toList())
                .containsExactlyElementsOf(sequences.stream().map(sequence -> idPrefix + sequence).toList());
    }

    private List<String> messageIdsUntil(String lastId) {
        List<String> ids = new ArrayList<>();
        // A loaded broker may be slow to confirm a receive's consumer: that round is simply tried again.
        await().atMost(Duration.ofSeconds(30)).ignoreException(ConsumeOkNotReceivedException.class).until(() -> {
            Message message;
            while ((message = rabbit.receive(subscriberQueue, 1000)) != null) {
                ids.add(message.getMessageProperties().getMessageId());
            }
            return ids.contains(lastId);
        });
        return ids;
    }

    private ConsumerInfo consumer() throws Exception {
        JetStreamManagement management = nats.jetStreamManagement();
        return management.getConsumerInfo(STREAM, NAME + "-main");
    }

    private static List<Long> publish(String subject, List<String> messages) throws Exception {
        JetStream jetStream = nats.jetStream();
        List<Long> sequences = new ArrayList<>();
        for (String message : messages) {
            sequences.add(jetStream.publish(subject, message.getBytes(StandardCharsets.UTF_8)).getSeqno());
        }
        return sequences;
    }

    private List<Message> receive(int count) {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = rabbit.receive(subscriberQueue, 10_000);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            received.add(message);
        }
        return received;
    }

    private static String user(String name, String container) {
        return """
                {"dn":"uid=%s,%s,dc=example","objectType":"users/user","id":"%s-id","properties":{"username":"%s","firstname":"Alice"}}"""
                .formatted(name, container, name, name);
    }

    private static String message(String publisher, String old, String current) {
        return """
                {"publisher_name":"%s","ts":"2026-11-22T10:00:00.123456","realm":"udm","topic":"users/user","body":{"old":%s,"new":%s}}"""
                .formatted(publisher, old, current);
    }
}
